package offline

import (
	"os"
	"sort"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

// loadAWS reads $LOOKCARD_PROVIDER_SCHEMAS/aws.json once for the whole test
// binary: it takes about half a second.
var loadAWS = sync.OnceValues(func() (*providerschema.Provider, error) {
	return providerschema.LoadFile(providerschema.File(os.Getenv(providerschema.EnvDir), "aws"))
})

// awsSchema returns the real AWS provider schema. Without
// LOOKCARD_PROVIDER_SCHEMAS the test is skipped, unless
// LOOKCARD_REQUIRE_TOOLS=1 says the schemas must be there.
func awsSchema(tb testing.TB) *providerschema.Provider {
	tb.Helper()
	if os.Getenv(providerschema.EnvDir) == "" {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			tb.Fatalf("%s is not set and LOOKCARD_REQUIRE_TOOLS=1", providerschema.EnvDir)
		}
		tb.Skipf("%s is not set: skipping a test that needs the AWS provider schema", providerschema.EnvDir)
	}
	p, err := loadAWS()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// objectOf builds a value of the object type ty: the attributes in set take
// the given values, every other attribute is null.
func objectOf(tb testing.TB, ty tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	tb.Helper()
	o, ok := ty.(tftypes.Object)
	if !ok {
		tb.Fatalf("objectOf: %s is not an object type", ty)
	}
	vals := make(map[string]tftypes.Value, len(o.AttributeTypes))
	for name, at := range o.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range set {
		if _, ok := o.AttributeTypes[name]; !ok {
			tb.Fatalf("objectOf: %s has no attribute %q", ty, name)
		}
		vals[name] = v
	}
	return tftypes.NewValue(o, vals)
}

// attrType returns the type of attribute name of object type ty.
func attrType(tb testing.TB, ty tftypes.Type, name string) tftypes.Type {
	tb.Helper()
	o, ok := ty.(tftypes.Object)
	if !ok {
		tb.Fatalf("attrType: %s is not an object type", ty)
	}
	at, ok := o.AttributeTypes[name]
	if !ok {
		tb.Fatalf("attrType: %s has no attribute %q", ty, name)
	}
	return at
}

// elemType returns the element type of a list, set or map type.
func elemType(tb testing.TB, ty tftypes.Type) tftypes.Type {
	tb.Helper()
	switch c := ty.(type) {
	case tftypes.List:
		return c.ElementType
	case tftypes.Set:
		return c.ElementType
	case tftypes.Map:
		return c.ElementType
	}
	tb.Fatalf("elemType: %s is not a collection", ty)
	return nil
}

// stringsOf builds a list or set of type ty holding ss.
func stringsOf(ty tftypes.Type, ss ...string) tftypes.Value {
	vals := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		vals[i] = tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(ty, vals)
}

// stringMap builds a map(string) value.
func stringMap(m map[string]string) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for k, v := range m {
		vals[k] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, vals)
}

func mustDynamic(tb testing.TB, v tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		tb.Fatalf("encoding %s: %v", v, err)
	}
	return &dv
}

func mustUnmarshal(tb testing.TB, dv *tfprotov6.DynamicValue, ty tftypes.Type) tftypes.Value {
	tb.Helper()
	if dv == nil {
		tb.Fatal("no value returned")
	}
	v, err := dv.Unmarshal(ty)
	if err != nil {
		tb.Fatalf("decoding returned value: %v", err)
	}
	return v
}

// at walks a path of attribute names.
func at(tb testing.TB, v tftypes.Value, names ...string) tftypes.Value {
	tb.Helper()
	p := tftypes.NewAttributePath()
	for _, n := range names {
		p = p.WithAttributeName(n)
	}
	got, _, err := tftypes.WalkAttributePath(v, p)
	if err != nil {
		tb.Fatalf("walking %s in %s: %v", p, v, err)
	}
	return got.(tftypes.Value)
}

func stringOf(tb testing.TB, v tftypes.Value) string {
	tb.Helper()
	var s string
	if err := v.As(&s); err != nil {
		tb.Fatalf("%s is not a string: %v", v, err)
	}
	return s
}

func stringList(tb testing.TB, v tftypes.Value) []string {
	tb.Helper()
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		tb.Fatalf("%s is not a collection: %v", v, err)
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		out[i] = stringOf(tb, e)
	}
	return out
}

// errorDiags returns "summary: detail" of every error diagnostic.
func errorDiags(diags []*tfprotov6.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			out = append(out, d.Summary+": "+d.Detail)
		}
	}
	sort.Strings(out)
	return out
}
