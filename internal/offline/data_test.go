package offline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

// configure sends a provider configuration with region (if not empty) and
// default_tags (if not nil) set and everything else null.
func configure(t *testing.T, s *Server, schema *providerschema.Provider, region string, tags map[string]string) {
	t.Helper()
	ty := schema.Provider.ValueType()
	set := map[string]tftypes.Value{}
	if region != "" {
		set["region"] = tftypes.NewValue(tftypes.String, region)
	}
	if tags != nil {
		listTy := attrType(t, ty, "default_tags")
		set["default_tags"] = tftypes.NewValue(listTy, []tftypes.Value{
			objectOf(t, elemType(t, listTy), map[string]tftypes.Value{"tags": stringMap(tags)}),
		})
	}
	resp, err := s.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		Config: mustDynamic(t, objectOf(t, ty, set)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := errorDiags(resp.Diagnostics); d != nil {
		t.Fatalf("ConfigureProvider: %v", d)
	}
}

func TestReadDataSource(t *testing.T) {
	schema := awsSchema(t)
	type want struct {
		strs  map[string]string   // string attributes
		lists map[string][]string // list or set of string attributes
		diag  string              // an error diagnostic containing this; the rest is not checked
	}
	cases := []struct {
		name      string
		fixtures  Fixtures
		region    string            // ConfigureProvider region; "" skips ConfigureProvider
		envRegion string            // AWS_REGION
		typeName  string            // data source
		config    map[string]string // string attributes set in the configuration
		want      want
	}{
		{
			name:     "caller identity",
			typeName: "aws_caller_identity",
			want: want{strs: map[string]string{
				"account_id": "123456789012",
				"id":         "123456789012",
				"arn":        "arn:aws:sts::123456789012:assumed-role/offline/offline",
			}},
		},
		{
			name:     "caller identity from a fixture: the whole identity follows the account",
			fixtures: Fixtures{"aws_caller_identity": {"account_id": json.RawMessage(`"999999999999"`)}},
			typeName: "aws_caller_identity",
			want:     want{strs: map[string]string{"account_id": "999999999999", "id": "999999999999", "arn": "arn:aws:sts::999999999999:assumed-role/offline/offline"}},
		},
		{
			name:     "a JSON number fixture converts to a string attribute",
			fixtures: Fixtures{"aws_caller_identity": {"account_id": json.RawMessage(`210987654321`)}},
			typeName: "aws_caller_identity",
			want:     want{strs: map[string]string{"account_id": "210987654321"}},
		},
		{
			name:     "fixtures of other data sources do not apply",
			fixtures: Fixtures{"aws_region": {"id": json.RawMessage(`"x"`)}},
			typeName: "aws_caller_identity",
			want:     want{strs: map[string]string{"id": "123456789012"}},
		},
		{
			name:     "availability zones of the configured region",
			region:   "ap-southeast-1",
			typeName: "aws_availability_zones",
			want: want{
				strs: map[string]string{"id": "ap-southeast-1"},
				lists: map[string][]string{
					"names":    {"ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"},
					"zone_ids": {"apse1-az1", "apse1-az2", "apse1-az3"},
				},
			},
		},
		{
			name:      "availability zones from AWS_REGION when not configured",
			envRegion: "eu-west-1",
			typeName:  "aws_availability_zones",
			want: want{lists: map[string][]string{
				"names":    {"eu-west-1a", "eu-west-1b", "eu-west-1c"},
				"zone_ids": {"euw1-az1", "euw1-az2", "euw1-az3"},
			}},
		},
		{
			name:     "availability zones default to us-east-1",
			typeName: "aws_availability_zones",
			want: want{lists: map[string][]string{
				"names":    {"us-east-1a", "us-east-1b", "us-east-1c"},
				"zone_ids": {"use1-az1", "use1-az2", "use1-az3"},
			}},
		},
		{
			name:      "configured region wins over AWS_REGION",
			region:    "ap-southeast-1",
			envRegion: "eu-west-1",
			typeName:  "aws_region",
			want: want{strs: map[string]string{
				"region":   "ap-southeast-1",
				"endpoint": "ec2.ap-southeast-1.amazonaws.com",
			}},
		},
		{
			name:     "the data source's own region argument wins",
			region:   "ap-southeast-1",
			typeName: "aws_availability_zones",
			config:   map[string]string{"region": "us-west-2"},
			want: want{
				strs:  map[string]string{"region": "us-west-2"},
				lists: map[string][]string{"names": {"us-west-2a", "us-west-2b", "us-west-2c"}},
			},
		},
		{
			name:     "partition",
			typeName: "aws_partition",
			want:     want{strs: map[string]string{"partition": "aws", "dns_suffix": "amazonaws.com"}},
		},
		{
			name:     "configured values pass through, computed ones are filled",
			typeName: "aws_ssm_parameter",
			config:   map[string]string{"name": "/lookcard/ami"},
			want: want{strs: map[string]string{
				"name":  "/lookcard/ami",
				"value": "offline-ssm-parameter-value",
				"arn":   "offline-aws_ssm_parameter-arn",
			}},
		},
		{
			name:     "configured computed attribute is not replaced by a fixture",
			fixtures: Fixtures{"aws_region": {"region": json.RawMessage(`"eu-central-1"`)}},
			typeName: "aws_region",
			config:   map[string]string{"region": "ap-southeast-1"},
			want:     want{strs: map[string]string{"region": "ap-southeast-1"}},
		},
		{
			name:     "unknown data source",
			typeName: "aws_no_such_thing",
			want:     want{diag: "aws_no_such_thing is not in the provider schema"},
		},
		{
			name:     "fixture of the wrong type",
			fixtures: Fixtures{"aws_caller_identity": {"account_id": json.RawMessage(`{"not": "a string"}`)}},
			typeName: "aws_caller_identity",
			want:     want{diag: "fixture aws_caller_identity.account_id does not fit type"},
		},
		{
			name:     "fixture list of the wrong element type",
			region:   "ap-southeast-1",
			fixtures: Fixtures{"aws_availability_zones": {"names": json.RawMessage(`[["nested"]]`)}},
			typeName: "aws_availability_zones",
			want:     want{diag: "fixture aws_availability_zones.names"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("AWS_REGION", c.envRegion)
			s := New(schema, c.fixtures, nil)
			if c.region != "" {
				configure(t, s, schema, c.region, nil)
			}
			var ty tftypes.Type = tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
			if sch, ok := schema.DataSources[c.typeName]; ok {
				ty = sch.ValueType()
			}
			set := map[string]tftypes.Value{}
			for k, v := range c.config {
				set[k] = tftypes.NewValue(tftypes.String, v)
			}
			resp, err := s.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
				TypeName: c.typeName,
				Config:   mustDynamic(t, objectOf(t, ty, set)),
			})
			if err != nil {
				t.Fatalf("ReadDataSource returned a Go error (crashes the plugin): %v", err)
			}
			diags := errorDiags(resp.Diagnostics)
			if c.want.diag != "" {
				if len(diags) == 0 {
					t.Fatalf("no error diagnostic, want one containing %q", c.want.diag)
				}
				if !strings.Contains(strings.Join(diags, "\n"), c.want.diag) {
					t.Errorf("diagnostics %q do not contain %q", diags, c.want.diag)
				}
				if resp.State != nil {
					t.Error("a state was returned with an error diagnostic")
				}
				return
			}
			if diags != nil {
				t.Fatalf("ReadDataSource: %v", diags)
			}
			state := mustUnmarshal(t, resp.State, ty)
			if !state.IsFullyKnown() {
				t.Errorf("data source state has unknown values: %s", state)
			}
			for name, want := range c.want.strs {
				if got := stringOf(t, at(t, state, name)); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			for name, want := range c.want.lists {
				if got := stringList(t, at(t, state, name)); !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

// TestReadDataSourceEveryComputedAttributeIsSet checks that no computed
// attribute is left null, whatever its type, and that two reads agree.
func TestZoneID(t *testing.T) {
	cases := []struct{ region, want string }{
		{"ap-southeast-1", "apse1-az1"},
		{"ap-southeast-2", "apse2-az1"},
		{"ap-south-1", "aps1-az1"},
		{"ap-northeast-1", "apne1-az1"},
		{"us-east-1", "use1-az1"},
		{"us-west-2", "usw2-az1"},
		{"eu-central-1", "euc1-az1"},
		{"eu-west-1", "euw1-az1"},
		{"sa-east-1", "sae1-az1"},
		{"cn-northwest-1", "cnnw1-az1"},
		{"us-gov-west-1", "usgw1-az1"},
		{"local", "local-az1"}, // not a region name: used as is
	}
	for _, c := range cases {
		t.Run(c.region, func(t *testing.T) {
			if got := zoneID(c.region, 1); got != c.want {
				t.Errorf("zoneID(%q, 1) = %q, want %q", c.region, got, c.want)
			}
		})
	}
}

func TestReadDataSourceEveryComputedAttributeIsSet(t *testing.T) {
	schema := awsSchema(t)
	for _, typeName := range []string{"aws_vpc", "aws_ssm_parameter", "aws_iam_role", "aws_kms_alias", "aws_route53_zone"} {
		t.Run(typeName, func(t *testing.T) {
			t.Setenv("AWS_REGION", "")
			sch := schema.DataSources[typeName]
			if sch == nil {
				t.Fatalf("%s is not in the schema", typeName)
			}
			ty := sch.ValueType()
			s := New(schema, nil, nil)
			req := &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: mustDynamic(t, objectOf(t, ty, nil))}
			read := func() tftypes.Value {
				resp, err := s.ReadDataSource(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if d := errorDiags(resp.Diagnostics); d != nil {
					t.Fatalf("ReadDataSource: %v", d)
				}
				return mustUnmarshal(t, resp.State, ty)
			}
			first := read()
			for _, a := range sch.Block.Attributes {
				v := at(t, first, a.Name)
				if a.Computed && v.IsNull() {
					t.Errorf("computed attribute %s left null", a.Name)
				}
				if !a.Computed && !v.IsNull() {
					t.Errorf("non-computed attribute %s set to %s", a.Name, v)
				}
			}
			if second := read(); !second.Equal(first) {
				t.Errorf("two reads differ:\n%s\n%s", first, second)
			}
		})
	}
}

// TestReadDataSourcePolicyDocument checks that the policy document is
// rendered through ReadDataSource, not given a placeholder.
func TestReadDataSourcePolicyDocument(t *testing.T) {
	schema := awsSchema(t)
	types := loadPolicyTypes(t)
	cfg := types.config(t, docSpec{statements: []stmtSpec{{
		actions: []string{"s3:GetObject"}, resources: []string{bucket + "/*"},
		principals: []principalSpec{{"AWS", []string{rootARN}}},
		conditions: []conditionSpec{{"StringEquals", "aws:SourceAccount", []string{account}}},
	}}})
	s := New(schema, nil, nil)
	resp, err := s.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: "aws_iam_policy_document", Config: mustDynamic(t, cfg),
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := errorDiags(resp.Diagnostics); d != nil {
		t.Fatal(d)
	}
	state := mustUnmarshal(t, resp.State, types.doc)
	want, err := RenderPolicyDocument(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]string{"json": want.Pretty, "minified_json": want.Minified, "id": want.ID} {
		if got := stringOf(t, at(t, state, name)); got != w {
			t.Errorf("%s = %q, want %q", name, got, w)
		}
	}
	var doc struct {
		Statement []struct {
			Principal map[string]any
			Condition map[string]map[string]any
		}
	}
	if err := json.Unmarshal([]byte(stringOf(t, at(t, state, "json"))), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Statement) != 1 || doc.Statement[0].Principal["AWS"] != rootARN ||
		doc.Statement[0].Condition["StringEquals"]["aws:SourceAccount"] != account {
		t.Errorf("policy lost its principal or condition: %+v", doc)
	}
}

func TestLoadFixtures(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name    string
		path    string
		want    Fixtures
		wantErr string
	}{
		{name: "no path", path: "", want: Fixtures{}},
		{
			name: "good",
			path: write("good.json", `{"aws_caller_identity": {"account_id": "210987654321"}, "aws_ssm_parameter": {"version": 3}}`),
			want: Fixtures{
				"aws_caller_identity": {"account_id": json.RawMessage(`"210987654321"`)},
				"aws_ssm_parameter":   {"version": json.RawMessage(`3`)},
			},
		},
		{name: "missing", path: filepath.Join(dir, "missing.json"), wantErr: "reading offline fixtures"},
		{name: "malformed", path: write("bad.json", `{"aws_caller_identity": `), wantErr: "parsing offline fixtures"},
		{name: "wrong shape", path: write("shape.json", `{"aws_caller_identity": "210987654321"}`), wantErr: "parsing offline fixtures"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := LoadFixtures(c.path)
			if c.wantErr != "" {
				if err == nil {
					t.Fatalf("LoadFixtures = %v, want an error", got)
				}
				if !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), c.path) {
					t.Errorf("error %q does not mention %q and the path", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("LoadFixtures = %v, want %v", got, c.want)
			}
			for typ, attrs := range c.want {
				for name, raw := range attrs {
					if string(got[typ][name]) != string(raw) {
						t.Errorf("%s.%s = %s, want %s", typ, name, got[typ][name], raw)
					}
				}
			}
		})
	}
}
