package offline

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

const refusal = "the offline provider plans only; configure AWS credentials to apply"

// fakeSchema is a tiny provider schema: testBlock (plan_test.go) as the
// resource test_thing, plus a data source and an ephemeral resource.
func fakeSchema() *providerschema.Provider {
	provider := &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
		{Name: "region", Type: tftypes.String, Optional: true},
	}}}
	info := &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
		{Name: "name", Type: tftypes.String, Optional: true},
		{Name: "value", Type: tftypes.String, Computed: true},
		{Name: "count", Type: tftypes.Number, Computed: true},
	}}}
	return &providerschema.Provider{
		Address:            "registry.opentofu.org/lookcard/test",
		Provider:           provider,
		Resources:          map[string]*tfprotov6.Schema{"test_thing": {Block: testBlock}, "test_other": {Block: &tfprotov6.SchemaBlock{}}},
		DataSources:        map[string]*tfprotov6.Schema{"test_info": info},
		EphemeralResources: map[string]*tfprotov6.Schema{"test_secret": info},
	}
}

func TestRefusals(t *testing.T) {
	ctx := context.Background()
	servers := map[string]*Server{
		"loaded":     New(fakeSchema(), nil, nil),
		"not loaded": New(nil, nil, errors.New("boom")),
	}
	calls := []struct {
		name string
		call func(s *Server) ([]*tfprotov6.Diagnostic, error)
	}{
		{"ApplyResourceChange", func(s *Server) ([]*tfprotov6.Diagnostic, error) {
			r, err := s.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "aws_kms_key"})
			if r != nil && r.NewState != nil {
				return nil, errors.New("ApplyResourceChange returned a new state")
			}
			return r.Diagnostics, err
		}},
		{"ImportResourceState", func(s *Server) ([]*tfprotov6.Diagnostic, error) {
			r, err := s.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "aws_kms_key", ID: "k-1"})
			if r != nil && len(r.ImportedResources) > 0 {
				return nil, errors.New("ImportResourceState imported something")
			}
			return r.Diagnostics, err
		}},
		{"MoveResourceState", func(s *Server) ([]*tfprotov6.Diagnostic, error) {
			r, err := s.MoveResourceState(ctx, &tfprotov6.MoveResourceStateRequest{SourceTypeName: "aws_a", TargetTypeName: "aws_kms_key"})
			return r.Diagnostics, err
		}},
		{"GenerateResourceConfig", func(s *Server) ([]*tfprotov6.Diagnostic, error) {
			r, err := s.GenerateResourceConfig(ctx, &tfprotov6.GenerateResourceConfigRequest{TypeName: "aws_kms_key"})
			return r.Diagnostics, err
		}},
	}
	for sname, s := range servers {
		for _, c := range calls {
			t.Run(sname+"/"+c.name, func(t *testing.T) {
				diags, err := c.call(s)
				if err != nil {
					t.Fatalf("Go error (crashes the plugin): %v", err)
				}
				errs := errorDiags(diags)
				if len(errs) != 1 {
					t.Fatalf("want one error diagnostic, got %q", errs)
				}
				if !strings.Contains(diags[0].Detail, refusal) {
					t.Errorf("detail %q does not contain %q", diags[0].Detail, refusal)
				}
				if !strings.Contains(diags[0].Detail, "aws_kms_key") {
					t.Errorf("detail %q does not name the resource type", diags[0].Detail)
				}
			})
		}
	}
	if ApplyRefusal != refusal {
		t.Errorf("ApplyRefusal = %q, want %q", ApplyRefusal, refusal)
	}
}

// TestSchemaNotLoaded checks that every RPC that needs the schema answers a
// server built with a load error with that error as a diagnostic.
func TestSchemaNotLoaded(t *testing.T) {
	ctx := context.Background()
	loadErr := errors.New("opening provider schema /nowhere/aws.json: no such file or directory")
	s := New(nil, nil, loadErr)
	anyValue := mustDynamic(t, tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}, map[string]tftypes.Value{}))
	cases := []struct {
		name string
		call func() ([]*tfprotov6.Diagnostic, error)
	}{
		{"GetProviderSchema", func() ([]*tfprotov6.Diagnostic, error) {
			r, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
			if r.Provider != nil || r.ResourceSchemas != nil {
				t.Error("GetProviderSchema returned schemas it does not have")
			}
			return r.Diagnostics, err
		}},
		{"GetMetadata", func() ([]*tfprotov6.Diagnostic, error) {
			r, err := s.GetMetadata(ctx, &tfprotov6.GetMetadataRequest{})
			return r.Diagnostics, err
		}},
		{"ConfigureProvider", func() ([]*tfprotov6.Diagnostic, error) {
			r, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: anyValue})
			return r.Diagnostics, err
		}},
		{"PlanResourceChange", func() ([]*tfprotov6.Diagnostic, error) {
			r, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "aws_kms_key", ProposedNewState: anyValue})
			return r.Diagnostics, err
		}},
		{"UpgradeResourceState", func() ([]*tfprotov6.Diagnostic, error) {
			r, err := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "aws_kms_key"})
			return r.Diagnostics, err
		}},
		{"ReadDataSource", func() ([]*tfprotov6.Diagnostic, error) {
			r, err := s.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "aws_caller_identity", Config: anyValue})
			return r.Diagnostics, err
		}},
		{"OpenEphemeralResource", func() ([]*tfprotov6.Diagnostic, error) {
			r, err := s.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: "aws_secretsmanager_secret_version", Config: anyValue})
			return r.Diagnostics, err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			diags, err := c.call()
			if err != nil {
				t.Fatalf("Go error (crashes the plugin): %v", err)
			}
			errs := errorDiags(diags)
			if len(errs) == 0 {
				t.Fatal("no error diagnostic")
			}
			if !strings.Contains(strings.Join(errs, "\n"), loadErr.Error()) {
				t.Errorf("diagnostics %q do not contain the load error %q", errs, loadErr)
			}
		})
	}
}

func TestGetProviderSchemaAndMetadata(t *testing.T) {
	ctx := context.Background()
	schema := fakeSchema()
	s := New(schema, nil, nil)
	resp, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || resp.Diagnostics != nil {
		t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	if resp.Provider != schema.Provider ||
		!reflect.DeepEqual(resp.ResourceSchemas, schema.Resources) ||
		!reflect.DeepEqual(resp.DataSourceSchemas, schema.DataSources) ||
		!reflect.DeepEqual(resp.EphemeralResourceSchemas, schema.EphemeralResources) {
		t.Error("GetProviderSchema does not serve the loaded schema unchanged")
	}
	if resp.ServerCapabilities == nil || !resp.ServerCapabilities.PlanDestroy {
		t.Error("PlanDestroy capability not announced: destroy plans would not reach PlanResourceChange")
	}

	meta, err := s.GetMetadata(ctx, &tfprotov6.GetMetadataRequest{})
	if err != nil || meta.Diagnostics != nil {
		t.Fatalf("GetMetadata: %v %v", err, meta.Diagnostics)
	}
	var res, data, eph []string
	for _, r := range meta.Resources {
		res = append(res, r.TypeName)
	}
	for _, d := range meta.DataSources {
		data = append(data, d.TypeName)
	}
	for _, e := range meta.EphemeralResources {
		eph = append(eph, e.TypeName)
	}
	if want := []string{"test_other", "test_thing"}; !reflect.DeepEqual(res, want) {
		t.Errorf("resources %v, want %v (sorted)", res, want)
	}
	if !reflect.DeepEqual(data, []string{"test_info"}) || !reflect.DeepEqual(eph, []string{"test_secret"}) {
		t.Errorf("data sources %v, ephemeral resources %v", data, eph)
	}
}

func TestPlanResourceChangeFake(t *testing.T) {
	ctx := context.Background()
	s := New(fakeSchema(), nil, nil)
	cases := []struct {
		name     string
		typeName string
		proposed tftypes.Value
		prior    *tftypes.Value
		check    func(t *testing.T, planned tftypes.Value)
		wantDiag string
	}{
		{
			name:     "unknown resource type",
			typeName: "test_nothing",
			proposed: value(nil),
			wantDiag: "test_nothing is not in the provider schema",
		},
		{
			name:     "create",
			typeName: "test_thing",
			proposed: value(map[string]tftypes.Value{"description": sv("d")}),
			check: func(t *testing.T, planned tftypes.Value) {
				for _, n := range []string{"id", "arn", "name"} {
					if attr(t, planned, root(n)).IsKnown() {
						t.Errorf("%s: want unknown", n)
					}
				}
				if v := attr(t, planned, root("description")); !v.Equal(sv("d")) {
					t.Errorf("description = %s", v)
				}
			},
		},
		{
			name:     "update keeps prior computed values",
			typeName: "test_thing",
			proposed: value(map[string]tftypes.Value{"id": sv("i-1"), "arn": sv("arn:1"), "description": sv("new")}),
			prior:    ptr(value(map[string]tftypes.Value{"id": sv("i-1"), "arn": sv("arn:1"), "description": sv("old")})),
			check: func(t *testing.T, planned tftypes.Value) {
				if v := attr(t, planned, root("arn")); !v.Equal(sv("arn:1")) {
					t.Errorf("arn = %s, want the prior value", v)
				}
				if v := attr(t, planned, root("description")); !v.Equal(sv("new")) {
					t.Errorf("description = %s", v)
				}
			},
		},
		{
			name:     "destroy",
			typeName: "test_thing",
			proposed: tftypes.NewValue(objType, nil),
			prior:    ptr(value(map[string]tftypes.Value{"id": sv("i-1")})),
			check: func(t *testing.T, planned tftypes.Value) {
				if !planned.IsNull() {
					t.Errorf("destroy planned %s, want null", planned)
				}
			},
		},
		{
			name:     "proposed state of the wrong type",
			typeName: "test_thing",
			proposed: tftypes.NewValue(tftypes.String, "x"),
			wantDiag: "Cannot decode proposed state",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := &tfprotov6.PlanResourceChangeRequest{
				TypeName:         c.typeName,
				ProposedNewState: mustDynamic(t, c.proposed),
				PriorPrivate:     []byte("private"),
			}
			if c.prior != nil {
				req.PriorState = mustDynamic(t, *c.prior)
			}
			resp, err := s.PlanResourceChange(ctx, req)
			if err != nil {
				t.Fatalf("Go error (crashes the plugin): %v", err)
			}
			errs := errorDiags(resp.Diagnostics)
			if c.wantDiag != "" {
				if !strings.Contains(strings.Join(errs, "\n"), c.wantDiag) {
					t.Errorf("diagnostics %q do not contain %q", errs, c.wantDiag)
				}
				return
			}
			if errs != nil {
				t.Fatal(errs)
			}
			if string(resp.PlannedPrivate) != "private" {
				t.Errorf("PlannedPrivate = %q, want the prior private data", resp.PlannedPrivate)
			}
			if resp.RequiresReplace != nil {
				t.Errorf("RequiresReplace = %v: the offline provider never replaces", resp.RequiresReplace)
			}
			c.check(t, mustUnmarshal(t, resp.PlannedState, objType))
		})
	}
}

func ptr(v tftypes.Value) *tftypes.Value { return &v }

func TestPlanResourceChangeKMSKey(t *testing.T) {
	schema := awsSchema(t)
	ty := schema.Resources["aws_kms_key"].ValueType()
	cases := []struct {
		name        string
		defaultTags map[string]string // nil: ConfigureProvider is not called
		config      map[string]tftypes.Value
		unknown     []string
		known       map[string]tftypes.Value
	}{
		{
			name:    "create",
			config:  map[string]tftypes.Value{"description": sv("lookcard data key")},
			unknown: []string{"arn", "key_id", "id", "policy", "multi_region", "rotation_period_in_days", "region"},
			known: map[string]tftypes.Value{
				"description":         sv("lookcard data key"),
				"key_usage":           tftypes.NewValue(tftypes.String, nil), // optional only: stays null
				"xks_key_id":          tftypes.NewValue(tftypes.String, nil),
				"is_enabled":          tftypes.NewValue(tftypes.Bool, nil),
				"tags":                tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil),
				"custom_key_store_id": tftypes.NewValue(tftypes.String, nil),
			},
		},
		{
			name:        "create with default tags",
			defaultTags: map[string]string{"Project": "lookcard", "Name": "default"},
			config: map[string]tftypes.Value{
				"description":         sv("k"),
				"enable_key_rotation": tftypes.NewValue(tftypes.Bool, true),
				"tags":                stringMap(map[string]string{"Name": "lookcard-data"}),
			},
			unknown: []string{"arn", "key_id"},
			known: map[string]tftypes.Value{
				"enable_key_rotation": tftypes.NewValue(tftypes.Bool, true),
				"tags_all":            stringMap(map[string]string{"Name": "lookcard-data", "Project": "lookcard"}),
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := New(schema, nil, nil)
			if c.defaultTags != nil {
				configure(t, s, schema, "ap-southeast-1", c.defaultTags)
			}
			resp, err := s.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
				TypeName:         "aws_kms_key",
				ProposedNewState: mustDynamic(t, objectOf(t, ty, c.config)),
				PriorState:       mustDynamic(t, tftypes.NewValue(ty, nil)),
			})
			if err != nil {
				t.Fatal(err)
			}
			if d := errorDiags(resp.Diagnostics); d != nil {
				t.Fatal(d)
			}
			planned := mustUnmarshal(t, resp.PlannedState, ty)
			for _, n := range c.unknown {
				if v := at(t, planned, n); v.IsKnown() {
					t.Errorf("%s = %s, want unknown (computed, not configured)", n, v)
				}
			}
			for n, want := range c.known {
				if v := at(t, planned, n); !v.Equal(want) {
					t.Errorf("%s = %s, want %s", n, v, want)
				}
			}
		})
	}
}

func TestUpgradeResourceState(t *testing.T) {
	ctx := context.Background()
	s := New(fakeSchema(), nil, nil)
	cases := []struct {
		name     string
		typeName string
		raw      *tfprotov6.RawState
		want     tftypes.Value
		wantDiag string
	}{
		{
			name:     "JSON state",
			typeName: "test_thing",
			raw:      &tfprotov6.RawState{JSON: []byte(`{"id": "i-1", "description": "d", "tags": {"Name": "x"}}`)},
			want: value(map[string]tftypes.Value{
				"id": sv("i-1"), "description": sv("d"),
				"tags": stringMap(map[string]string{"Name": "x"}),
			}),
		},
		{
			name:     "attributes the schema no longer has are dropped",
			typeName: "test_thing",
			raw:      &tfprotov6.RawState{JSON: []byte(`{"id": "i-1", "removed_in_v6": true}`)},
			want:     value(map[string]tftypes.Value{"id": sv("i-1")}),
		},
		{
			name:     "no state",
			typeName: "test_thing",
			want:     tftypes.NewValue(objType, nil),
		},
		{
			name:     "state of the wrong type",
			typeName: "test_thing",
			raw:      &tfprotov6.RawState{JSON: []byte(`{"id": ["not", "a", "string"]}`)},
			wantDiag: "Cannot read stored state",
		},
		{
			name:     "unknown type",
			typeName: "test_gone",
			raw:      &tfprotov6.RawState{JSON: []byte(`{}`)},
			wantDiag: "test_gone is not in the provider schema",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, err := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: c.typeName, RawState: c.raw})
			if err != nil {
				t.Fatal(err)
			}
			errs := errorDiags(resp.Diagnostics)
			if c.wantDiag != "" {
				if !strings.Contains(strings.Join(errs, "\n"), c.wantDiag) {
					t.Errorf("diagnostics %q do not contain %q", errs, c.wantDiag)
				}
				return
			}
			if errs != nil {
				t.Fatal(errs)
			}
			if got := mustUnmarshal(t, resp.UpgradedState, objType); !got.Equal(c.want) {
				t.Errorf("upgraded state\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestPassThroughRPCs(t *testing.T) {
	ctx := context.Background()
	s := New(fakeSchema(), nil, nil)
	state := mustDynamic(t, value(map[string]tftypes.Value{"id": sv("i-1")}))

	read, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "test_thing", CurrentState: state, Private: []byte("p")})
	if err != nil || read.NewState != state || string(read.Private) != "p" || read.Diagnostics != nil {
		t.Errorf("ReadResource must return the stored state unchanged: %+v, %v", read, err)
	}
	cfg := mustDynamic(t, tftypes.NewValue(fakeSchema().Provider.ValueType(), map[string]tftypes.Value{"region": sv("eu-west-1")}))
	valid, err := s.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: cfg})
	if err != nil || valid.PreparedConfig != cfg || valid.Diagnostics != nil {
		t.Errorf("ValidateProviderConfig: %+v, %v", valid, err)
	}
	fn, err := s.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: "arn_parse"})
	if err != nil || fn.Error == nil || !strings.Contains(fn.Error.Text, "arn_parse") {
		t.Errorf("CallFunction must fail naming the function: %+v, %v", fn, err)
	}
	fns, err := s.GetFunctions(ctx, &tfprotov6.GetFunctionsRequest{})
	if err != nil || len(fns.Functions) != 0 {
		t.Errorf("GetFunctions: %+v, %v", fns, err)
	}
}

func TestConfigureProviderRegion(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	ctx := context.Background()
	schema := fakeSchema()
	s := New(schema, nil, nil)
	if got := s.configuredRegion(); got != "us-east-1" {
		t.Errorf("unconfigured region = %q, want us-east-1", got)
	}
	resp, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		Config: mustDynamic(t, tftypes.NewValue(schema.Provider.ValueType(), map[string]tftypes.Value{"region": sv("ap-southeast-1")})),
	})
	if err != nil || resp.Diagnostics != nil {
		t.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	if got := s.configuredRegion(); got != "ap-southeast-1" {
		t.Errorf("configured region = %q, want ap-southeast-1", got)
	}
	bad, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: mustDynamic(t, sv("x"))})
	if err != nil {
		t.Fatal(err)
	}
	if len(errorDiags(bad.Diagnostics)) == 0 {
		t.Error("a configuration of the wrong type gave no error diagnostic")
	}
	none, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{})
	if err != nil || none.Diagnostics != nil {
		t.Errorf("ConfigureProvider without a configuration: %v %v", err, none.Diagnostics)
	}
}

func TestEphemeralAndDataFake(t *testing.T) {
	ctx := context.Background()
	s := New(fakeSchema(), Fixtures{"test_secret": {"value": []byte(`"from-fixture"`)}}, nil)
	ty := fakeSchema().DataSources["test_info"].ValueType()
	cfg := mustDynamic(t, objectOf(t, ty, map[string]tftypes.Value{"name": sv("n")}))

	data, err := s.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "test_info", Config: cfg})
	if err != nil || errorDiags(data.Diagnostics) != nil {
		t.Fatalf("ReadDataSource: %v %v", err, data.Diagnostics)
	}
	got := mustUnmarshal(t, data.State, ty)
	want := objectOf(t, ty, map[string]tftypes.Value{
		"name":  sv("n"),
		"value": sv("offline-test_info-value"),
		"count": tftypes.NewValue(tftypes.Number, 0),
	})
	if !got.Equal(want) {
		t.Errorf("ReadDataSource state\n%s\nwant\n%s", got, want)
	}

	eph, err := s.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: "test_secret", Config: cfg})
	if err != nil || errorDiags(eph.Diagnostics) != nil {
		t.Fatalf("OpenEphemeralResource: %v %v", err, eph.Diagnostics)
	}
	if v := at(t, mustUnmarshal(t, eph.Result, ty), "value"); !v.Equal(sv("from-fixture")) {
		t.Errorf("ephemeral value = %s, want the fixture", v)
	}
	unknown, err := s.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: "test_nothing", Config: cfg})
	if err != nil || len(errorDiags(unknown.Diagnostics)) == 0 {
		t.Errorf("unknown ephemeral resource: %v %v", err, unknown.Diagnostics)
	}
}

func BenchmarkGetProviderSchema(b *testing.B) {
	s := New(awsSchema(b), nil, nil)
	ctx := context.Background()
	req := &tfprotov6.GetProviderSchemaRequest{}
	var n int
	for b.Loop() {
		resp, err := s.GetProviderSchema(ctx, req)
		if err != nil || resp.Diagnostics != nil {
			b.Fatal(err, resp.Diagnostics)
		}
		n = len(resp.ResourceSchemas)
	}
	b.ReportMetric(float64(n), "resources")
}
