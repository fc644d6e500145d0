package providerschema

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// doc is a small `providers schema -json` document covering every shape
// Convert handles.
const doc = `{
  "format_version": "1.0",
  "provider_schemas": {
    "registry.opentofu.org/lookcard/demo": {
      "provider": {
        "version": 0,
        "block": {
          "attributes": {
            "region": {"type": "string", "optional": true, "description": "Region.", "description_kind": "plain"}
          },
          "description_kind": "plain"
        }
      },
      "resource_schemas": {
        "demo_thing": {
          "version": 2,
          "block": {
            "description": "A **thing**.",
            "description_kind": "markdown",
            "deprecated": true,
            "attributes": {
              "id":        {"type": "string", "optional": true, "computed": true},
              "name":      {"type": "string", "required": true, "description": "The name.", "description_kind": "markdown"},
              "count_n":   {"type": "number", "optional": true},
              "enabled":   {"type": "bool", "optional": true, "computed": true},
              "anything":  {"type": "dynamic", "optional": true},
              "cidrs":     {"type": ["list", "string"], "optional": true},
              "ports":     {"type": ["set", "number"], "optional": true},
              "weights":   {"type": ["map", "number"], "optional": true},
              "config":    {"type": ["object", {"a": "string", "b": ["list", "bool"]}], "optional": true},
              "opt_obj":   {"type": ["object", {"x": "string", "y": "number"}, ["y"]], "optional": true},
              "rules":     {"type": ["set", ["object", {"port": "number", "proto": "string"}]], "computed": true},
              "pair":      {"type": ["tuple", ["string", "number"]], "optional": true},
              "password":  {"type": "string", "optional": true, "sensitive": true},
              "old":       {"type": "string", "optional": true, "deprecated": true},
              "secret_wo": {"type": "string", "optional": true, "write_only": true},
              "settings": {
                "nested_type": {
                  "nesting_mode": "single",
                  "attributes": {
                    "mode":     {"type": "string", "required": true},
                    "endpoint": {"type": "string", "computed": true}
                  }
                },
                "optional": true,
                "description": "Settings."
              },
              "records": {
                "nested_type": {
                  "nesting_mode": "list",
                  "attributes": {
                    "name": {"type": "string", "required": true},
                    "ttl":  {"type": "number", "optional": true, "computed": true}
                  }
                },
                "optional": true
              }
            },
            "block_types": {
              "single_b": {
                "nesting_mode": "single",
                "min_items": 1,
                "max_items": 1,
                "block": {"attributes": {"s": {"type": "string", "optional": true}}}
              },
              "list_b": {
                "nesting_mode": "list",
                "min_items": 1,
                "max_items": 3,
                "block": {
                  "description": "Listed.",
                  "attributes": {"l": {"type": "number", "required": true}},
                  "block_types": {
                    "inner": {"nesting_mode": "set", "block": {"attributes": {"i": {"type": "bool", "optional": true}}}}
                  }
                }
              },
              "set_b": {
                "nesting_mode": "set",
                "max_items": 5,
                "block": {"attributes": {"v": {"type": "string", "required": true}}}
              },
              "map_b": {
                "nesting_mode": "map",
                "block": {"attributes": {"m": {"type": ["list", "string"], "optional": true}}}
              },
              "group_b": {
                "nesting_mode": "group",
                "block": {"attributes": {"g": {"type": "string", "optional": true, "computed": true}}}
              }
            }
          }
        },
        "demo_bare": {"version": 0}
      },
      "data_source_schemas": {
        "demo_info": {"version": 0, "block": {"attributes": {"value": {"type": "string", "computed": true}}}}
      },
      "ephemeral_resource_schemas": {
        "demo_secret": {"version": 1, "block": {"attributes": {"value": {"type": "string", "computed": true, "sensitive": true}}}}
      }
    }
  }
}`

func decodeDoc(t *testing.T) *Provider {
	t.Helper()
	p, err := Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return p
}

func obj(attrs map[string]tftypes.Type) tftypes.Object {
	return tftypes.Object{AttributeTypes: attrs}
}

func TestDecodeAttributes(t *testing.T) {
	p := decodeDoc(t)
	if p.Address != "registry.opentofu.org/lookcard/demo" {
		t.Errorf("Address = %q", p.Address)
	}
	s := p.Resources["demo_thing"]
	if s == nil {
		t.Fatal("demo_thing missing")
	}
	byName := map[string]*tfprotov6.SchemaAttribute{}
	var order []string
	for _, a := range s.Block.Attributes {
		byName[a.Name] = a
		order = append(order, a.Name)
	}
	for i := 1; i < len(order); i++ {
		if order[i-1] >= order[i] {
			t.Errorf("attributes not in name order: %v", order)
			break
		}
	}

	cases := []struct {
		name                                          string
		typ                                           tftypes.Type // nil for nested attributes
		required, optional, computed, sensitive, depr bool
		writeOnly                                     bool
		desc                                          string
		kind                                          tfprotov6.StringKind
	}{
		{name: "id", typ: tftypes.String, optional: true, computed: true},
		{name: "name", typ: tftypes.String, required: true, desc: "The name.", kind: tfprotov6.StringKindMarkdown},
		{name: "count_n", typ: tftypes.Number, optional: true},
		{name: "enabled", typ: tftypes.Bool, optional: true, computed: true},
		{name: "anything", typ: tftypes.DynamicPseudoType, optional: true},
		{name: "cidrs", typ: tftypes.List{ElementType: tftypes.String}, optional: true},
		{name: "ports", typ: tftypes.Set{ElementType: tftypes.Number}, optional: true},
		{name: "weights", typ: tftypes.Map{ElementType: tftypes.Number}, optional: true},
		{name: "config", typ: obj(map[string]tftypes.Type{"a": tftypes.String, "b": tftypes.List{ElementType: tftypes.Bool}}), optional: true},
		{name: "opt_obj", typ: tftypes.Object{
			AttributeTypes:     map[string]tftypes.Type{"x": tftypes.String, "y": tftypes.Number},
			OptionalAttributes: map[string]struct{}{"y": {}},
		}, optional: true},
		{name: "rules", typ: tftypes.Set{ElementType: obj(map[string]tftypes.Type{"port": tftypes.Number, "proto": tftypes.String})}, computed: true},
		{name: "pair", typ: tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Number}}, optional: true},
		{name: "password", typ: tftypes.String, optional: true, sensitive: true},
		{name: "old", typ: tftypes.String, optional: true, depr: true},
		{name: "secret_wo", typ: tftypes.String, optional: true, writeOnly: true},
		{name: "settings", optional: true, desc: "Settings."},
		{name: "records", optional: true},
	}
	if len(cases) != len(byName) {
		t.Errorf("got %d attributes %v, want %d", len(byName), order, len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := byName[c.name]
			if a == nil {
				t.Fatalf("attribute %s missing", c.name)
			}
			if c.typ != nil {
				if a.Type == nil || !a.Type.Equal(c.typ) {
					t.Errorf("Type = %v, want %v", a.Type, c.typ)
				}
				if a.NestedType != nil {
					t.Errorf("NestedType set on a typed attribute")
				}
			}
			got := [6]bool{a.Required, a.Optional, a.Computed, a.Sensitive, a.Deprecated, a.WriteOnly}
			want := [6]bool{c.required, c.optional, c.computed, c.sensitive, c.depr, c.writeOnly}
			if got != want {
				t.Errorf("required/optional/computed/sensitive/deprecated/write_only = %v, want %v", got, want)
			}
			if a.Description != c.desc {
				t.Errorf("Description = %q, want %q", a.Description, c.desc)
			}
			if a.DescriptionKind != c.kind {
				t.Errorf("DescriptionKind = %v, want %v", a.DescriptionKind, c.kind)
			}
		})
	}

	t.Run("nested attributes", func(t *testing.T) {
		nested := []struct {
			name    string
			nesting tfprotov6.SchemaObjectNestingMode
			attrs   map[string][3]bool // required, optional, computed
			want    tftypes.Type
		}{
			{
				name: "settings", nesting: tfprotov6.SchemaObjectNestingModeSingle,
				attrs: map[string][3]bool{"mode": {true, false, false}, "endpoint": {false, false, true}},
				want:  obj(map[string]tftypes.Type{"mode": tftypes.String, "endpoint": tftypes.String}),
			},
			{
				name: "records", nesting: tfprotov6.SchemaObjectNestingModeList,
				attrs: map[string][3]bool{"name": {true, false, false}, "ttl": {false, true, true}},
				want:  tftypes.List{ElementType: obj(map[string]tftypes.Type{"name": tftypes.String, "ttl": tftypes.Number})},
			},
		}
		for _, n := range nested {
			a := byName[n.name]
			if a == nil || a.NestedType == nil {
				t.Fatalf("%s: no nested type", n.name)
			}
			if a.Type != nil {
				t.Errorf("%s: Type %v set on a nested attribute", n.name, a.Type)
			}
			if a.NestedType.Nesting != n.nesting {
				t.Errorf("%s: Nesting = %v, want %v", n.name, a.NestedType.Nesting, n.nesting)
			}
			if len(a.NestedType.Attributes) != len(n.attrs) {
				t.Errorf("%s: %d nested attributes, want %d", n.name, len(a.NestedType.Attributes), len(n.attrs))
			}
			for _, na := range a.NestedType.Attributes {
				want, ok := n.attrs[na.Name]
				if !ok {
					t.Errorf("%s: unexpected nested attribute %s", n.name, na.Name)
					continue
				}
				if got := [3]bool{na.Required, na.Optional, na.Computed}; got != want {
					t.Errorf("%s.%s: required/optional/computed = %v, want %v", n.name, na.Name, got, want)
				}
			}
			if got := a.ValueType(); !got.Equal(n.want) {
				t.Errorf("%s: ValueType = %v, want %v", n.name, got, n.want)
			}
		}
	})
}

func TestDecodeBlocks(t *testing.T) {
	s := decodeDoc(t).Resources["demo_thing"]
	if s.Version != 2 {
		t.Errorf("Version = %d, want 2", s.Version)
	}
	if s.Block.Description != "A **thing**." || s.Block.DescriptionKind != tfprotov6.StringKindMarkdown || !s.Block.Deprecated {
		t.Errorf("block description/kind/deprecated = %q/%v/%v", s.Block.Description, s.Block.DescriptionKind, s.Block.Deprecated)
	}
	byName := map[string]*tfprotov6.SchemaNestedBlock{}
	var order []string
	for _, b := range s.Block.BlockTypes {
		byName[b.TypeName] = b
		order = append(order, b.TypeName)
	}
	if want := "group_b list_b map_b set_b single_b"; strings.Join(order, " ") != want {
		t.Errorf("block order %v, want %s", order, want)
	}
	cases := []struct {
		name     string
		nesting  tfprotov6.SchemaNestedBlockNestingMode
		min, max int64
		attr     string
	}{
		{"single_b", tfprotov6.SchemaNestedBlockNestingModeSingle, 1, 1, "s"},
		{"list_b", tfprotov6.SchemaNestedBlockNestingModeList, 1, 3, "l"},
		{"set_b", tfprotov6.SchemaNestedBlockNestingModeSet, 0, 5, "v"},
		{"map_b", tfprotov6.SchemaNestedBlockNestingModeMap, 0, 0, "m"},
		{"group_b", tfprotov6.SchemaNestedBlockNestingModeGroup, 0, 0, "g"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := byName[c.name]
			if b == nil {
				t.Fatalf("block %s missing", c.name)
			}
			if b.Nesting != c.nesting || b.MinItems != c.min || b.MaxItems != c.max {
				t.Errorf("nesting/min/max = %v/%d/%d, want %v/%d/%d", b.Nesting, b.MinItems, b.MaxItems, c.nesting, c.min, c.max)
			}
			if b.Block == nil || len(b.Block.Attributes) == 0 || b.Block.Attributes[0].Name != c.attr {
				t.Errorf("block %s does not hold attribute %s", c.name, c.attr)
			}
		})
	}
	list := byName["list_b"].Block
	if list.Description != "Listed." {
		t.Errorf("list_b description = %q", list.Description)
	}
	if len(list.BlockTypes) != 1 || list.BlockTypes[0].TypeName != "inner" || list.BlockTypes[0].Nesting != tfprotov6.SchemaNestedBlockNestingModeSet {
		t.Errorf("list_b.inner not converted: %+v", list.BlockTypes)
	}
}

func TestDecodeValueType(t *testing.T) {
	p := decodeDoc(t)
	listB := obj(map[string]tftypes.Type{
		"l":     tftypes.Number,
		"inner": tftypes.Set{ElementType: obj(map[string]tftypes.Type{"i": tftypes.Bool})},
	})
	cases := []struct {
		name   string
		schema *tfprotov6.Schema
		want   tftypes.Type
	}{
		{"provider", p.Provider, obj(map[string]tftypes.Type{"region": tftypes.String})},
		{"resource demo_thing", p.Resources["demo_thing"], obj(map[string]tftypes.Type{
			"id":       tftypes.String,
			"name":     tftypes.String,
			"count_n":  tftypes.Number,
			"enabled":  tftypes.Bool,
			"anything": tftypes.DynamicPseudoType,
			"cidrs":    tftypes.List{ElementType: tftypes.String},
			"ports":    tftypes.Set{ElementType: tftypes.Number},
			"weights":  tftypes.Map{ElementType: tftypes.Number},
			"config":   obj(map[string]tftypes.Type{"a": tftypes.String, "b": tftypes.List{ElementType: tftypes.Bool}}),
			"opt_obj": tftypes.Object{
				AttributeTypes:     map[string]tftypes.Type{"x": tftypes.String, "y": tftypes.Number},
				OptionalAttributes: map[string]struct{}{"y": {}},
			},
			"rules":     tftypes.Set{ElementType: obj(map[string]tftypes.Type{"port": tftypes.Number, "proto": tftypes.String})},
			"pair":      tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Number}},
			"password":  tftypes.String,
			"old":       tftypes.String,
			"secret_wo": tftypes.String,
			"settings":  obj(map[string]tftypes.Type{"mode": tftypes.String, "endpoint": tftypes.String}),
			"records":   tftypes.List{ElementType: obj(map[string]tftypes.Type{"name": tftypes.String, "ttl": tftypes.Number})},
			"single_b":  obj(map[string]tftypes.Type{"s": tftypes.String}),
			"list_b":    tftypes.List{ElementType: listB},
			"set_b":     tftypes.Set{ElementType: obj(map[string]tftypes.Type{"v": tftypes.String})},
			"map_b":     tftypes.Map{ElementType: obj(map[string]tftypes.Type{"m": tftypes.List{ElementType: tftypes.String}})},
			"group_b":   obj(map[string]tftypes.Type{"g": tftypes.String}),
		})},
		{"resource demo_bare", p.Resources["demo_bare"], obj(map[string]tftypes.Type{})},
		{"data source demo_info", p.DataSources["demo_info"], obj(map[string]tftypes.Type{"value": tftypes.String})},
		{"ephemeral demo_secret", p.EphemeralResources["demo_secret"], obj(map[string]tftypes.Type{"value": tftypes.String})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.schema == nil || c.schema.Block == nil {
				t.Fatal("schema missing")
			}
			if got := c.schema.ValueType(); !got.Equal(c.want) {
				t.Errorf("ValueType =\n  %v\nwant\n  %v", got, c.want)
			}
		})
	}
	if len(p.Resources) != 2 || len(p.DataSources) != 1 || len(p.EphemeralResources) != 1 {
		t.Errorf("counts: %d resources, %d data sources, %d ephemeral", len(p.Resources), len(p.DataSources), len(p.EphemeralResources))
	}
	if v := p.EphemeralResources["demo_secret"]; v.Version != 1 || !v.Block.Attributes[0].Sensitive {
		t.Errorf("demo_secret: version %d, sensitive %v", v.Version, v.Block.Attributes[0].Sensitive)
	}
}

func TestDecodeErrors(t *testing.T) {
	provider := func(name, body string) string { return `"` + name + `": ` + body }
	wrap := func(providers ...string) string {
		return `{"format_version": "1.0", "provider_schemas": {` + strings.Join(providers, ",") + `}}`
	}
	resource := func(block string) string {
		return `{"resource_schemas": {"demo_r": {"version": 0, "block": ` + block + `}}}`
	}
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"malformed JSON", `{"format_version": "1.0", "provider_schemas": {`, []string{"decoding JSON"}},
		{"not JSON", `provider "aws" {}`, []string{"decoding JSON"}},
		{"empty input", ``, []string{"decoding JSON"}},
		{"no format version", `{"provider_schemas": {}}`, []string{"format version"}},
		{"no providers", wrap(), []string{"exactly one provider", "found 0"}},
		{
			"two providers",
			wrap(provider("registry.opentofu.org/hashicorp/aws", `{}`), provider("registry.opentofu.org/cloudflare/cloudflare", `{}`)),
			[]string{"exactly one provider", "found 2", "hashicorp/aws", "cloudflare/cloudflare"},
		},
		{
			"attribute without type",
			wrap(provider("p", resource(`{"attributes": {"bad": {"optional": true}}}`))),
			[]string{"resource demo_r", "bad", "neither type nor nested_type"},
		},
		{
			"unsupported block nesting",
			wrap(provider("p", resource(`{"block_types": {"odd": {"nesting_mode": "bogus", "block": {}}}}`))),
			[]string{"resource demo_r", "block odd", "bogus"},
		},
		{
			"unsupported nested attribute nesting",
			wrap(provider("p", resource(`{"attributes": {"na": {"nested_type": {"nesting_mode": "group", "attributes": {"x": {"type": "string"}}}, "optional": true}}}`))),
			[]string{"attribute na", "group"},
		},
		{
			"error inside a nested block",
			wrap(provider("p", resource(`{"block_types": {"outer": {"nesting_mode": "list", "block": {"attributes": {"bad": {"optional": true}}}}}}`))),
			[]string{"block outer", "bad"},
		},
		{
			"error in a data source",
			wrap(provider("p", `{"data_source_schemas": {"demo_d": {"block": {"attributes": {"bad": {}}}}}}`)),
			[]string{"data source demo_d"},
		},
		{
			"error in the provider block",
			wrap(provider("p", `{"provider": {"block": {"attributes": {"bad": {}}}}}`)),
			[]string{"provider block"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decode(strings.NewReader(c.in))
			if err == nil {
				t.Fatalf("Decode = %+v, want an error", p)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestType(t *testing.T) {
	cases := []struct {
		in   cty.Type
		want tftypes.Type
	}{
		{cty.String, tftypes.String},
		{cty.Number, tftypes.Number},
		{cty.Bool, tftypes.Bool},
		{cty.DynamicPseudoType, tftypes.DynamicPseudoType},
		{cty.List(cty.String), tftypes.List{ElementType: tftypes.String}},
		{cty.Set(cty.List(cty.Number)), tftypes.Set{ElementType: tftypes.List{ElementType: tftypes.Number}}},
		{cty.Map(cty.Bool), tftypes.Map{ElementType: tftypes.Bool}},
		{cty.EmptyObject, tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}},
		{
			cty.ObjectWithOptionalAttrs(map[string]cty.Type{"a": cty.String, "b": cty.List(cty.DynamicPseudoType)}, []string{"b"}),
			tftypes.Object{
				AttributeTypes:     map[string]tftypes.Type{"a": tftypes.String, "b": tftypes.List{ElementType: tftypes.DynamicPseudoType}},
				OptionalAttributes: map[string]struct{}{"b": {}},
			},
		},
		{cty.Tuple([]cty.Type{cty.String, cty.Map(cty.Number)}), tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Map{ElementType: tftypes.Number}}}},
	}
	for _, c := range cases {
		t.Run(c.in.FriendlyName(), func(t *testing.T) {
			got, err := Type(c.in)
			if err != nil {
				t.Fatalf("Type(%s): %v", c.in.GoString(), err)
			}
			if !got.Equal(c.want) {
				t.Errorf("Type(%s) = %v, want %v", c.in.GoString(), got, c.want)
			}
		})
	}
	t.Run("capsule is unsupported", func(t *testing.T) {
		capsule := cty.Capsule("thing", nil)
		for _, in := range []cty.Type{capsule, cty.List(capsule), cty.Object(map[string]cty.Type{"c": capsule})} {
			if got, err := Type(in); err == nil {
				t.Errorf("Type(%s) = %v, want an error", in.GoString(), got)
			}
		}
	})
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "demo.json")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(good, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(`{"format_version": "1.0", `), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		path string
		want []string // nil: success
	}{
		{"good", good, nil},
		{"missing", filepath.Join(dir, "aws.json"), []string{filepath.Join(dir, "aws.json"), EnvDir}},
		{"malformed", bad, []string{bad, "decoding JSON"}},
		{"directory", dir, []string{dir}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := LoadFile(c.path)
			if c.want == nil {
				if err != nil {
					t.Fatalf("LoadFile: %v", err)
				}
				if p.Resources["demo_thing"] == nil {
					t.Error("demo_thing missing")
				}
				return
			}
			if err == nil {
				t.Fatal("LoadFile succeeded, want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestFile(t *testing.T) {
	cases := []struct{ dir, typ, want string }{
		{"/schemas", "aws", filepath.Join("/schemas", "aws.json")},
		{"rel", "cloudflare", filepath.Join("rel", "cloudflare.json")},
	}
	for _, c := range cases {
		if got := File(c.dir, c.typ); got != c.want {
			t.Errorf("File(%q, %q) = %q, want %q", c.dir, c.typ, got, c.want)
		}
	}
}

// schemaDir returns $LOOKCARD_PROVIDER_SCHEMAS, skipping the test when it is
// unset unless LOOKCARD_REQUIRE_TOOLS=1 demands it.
func schemaDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv(EnvDir)
	if dir == "" {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			tb.Fatalf("%s is not set and LOOKCARD_REQUIRE_TOOLS=1", EnvDir)
		}
		tb.Skipf("%s is not set", EnvDir)
	}
	return dir
}

var awsOnce = sync.OnceValues(func() (*Provider, error) {
	return LoadFile(File(os.Getenv(EnvDir), "aws"))
})

func TestLoadRealAWSSchema(t *testing.T) {
	schemaDir(t)
	p, err := awsOnce()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p.Address, "hashicorp/aws") {
		t.Errorf("Address = %q", p.Address)
	}
	if len(p.Resources) <= 1500 {
		t.Errorf("%d resources, want more than 1500", len(p.Resources))
	}
	cases := []struct {
		kind, name string
		m          map[string]*tfprotov6.Schema
		attrs      []string
	}{
		{"resource", "aws_kms_key", p.Resources, []string{"arn", "key_id", "description", "tags_all"}},
		{"resource", "aws_rds_cluster", p.Resources, []string{"engine", "master_password", "storage_encrypted"}},
		{"data source", "aws_iam_policy_document", p.DataSources, []string{"json", "minified_json", "override_policy_documents"}},
		{"data source", "aws_caller_identity", p.DataSources, []string{"account_id"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.m[c.name]
			if s == nil {
				t.Fatalf("%s %s missing", c.kind, c.name)
			}
			ty, ok := s.ValueType().(tftypes.Object)
			if !ok {
				t.Fatalf("ValueType is %T", s.ValueType())
			}
			for _, a := range c.attrs {
				if _, ok := ty.AttributeTypes[a]; !ok {
					t.Errorf("%s has no attribute %s", c.name, a)
				}
			}
		})
	}
	if pw := attribute(p.Resources["aws_rds_cluster"], "master_password"); pw == nil || !pw.Sensitive {
		t.Error("aws_rds_cluster.master_password must be sensitive")
	}
	if r := attribute(p.Provider, "region"); r == nil || !r.Optional {
		t.Error("provider region must be an optional attribute")
	}
}

func attribute(s *tfprotov6.Schema, name string) *tfprotov6.SchemaAttribute {
	if s == nil {
		return nil
	}
	for _, a := range s.Block.Attributes {
		if a.Name == name {
			return a
		}
	}
	return nil
}

func BenchmarkLoadAWSSchema(b *testing.B) {
	path := File(schemaDir(b), "aws")
	var n int
	for b.Loop() {
		p, err := LoadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		n = len(p.Resources)
	}
	b.ReportMetric(float64(n), "resources")
}
