package environment

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// TestBackendNamesMatchBootstrap evaluates bootstrap/'s own expressions for
// the state bucket and the lock table with each environment as account_name
// and compares them with what `lookcard init` passes the backend: one source
// for the names, checked against the code that creates them.
func TestBackendNamesMatchBootstrap(t *testing.T) {
	t.Setenv(EnvStateBucket, "")
	dir := filepath.Join("..", "..", "bootstrap")
	p := hclparse.NewParser()
	var bucketExpr, tableDefault hcl.Expression
	for _, name := range []string{"main.tf", "variables.tf"} {
		f, diags := p.ParseHCLFile(filepath.Join(dir, name))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		content, _, diags := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
			{Type: "locals"}, {Type: "variable", LabelNames: []string{"name"}},
		}})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		for _, b := range content.Blocks {
			attrs, _ := b.Body.JustAttributes()
			switch {
			case b.Type == "locals" && attrs["bucket_name"] != nil:
				bucketExpr = attrs["bucket_name"].Expr
			case b.Type == "variable" && b.Labels[0] == "lock_table_name":
				tableDefault = attrs["default"].Expr
			}
		}
	}
	if bucketExpr == nil || tableDefault == nil {
		t.Fatal("bootstrap/ has no local bucket_name or variable lock_table_name default: update this test and internal/environment/backend.go together")
	}
	v, diags := tableDefault.Value(nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if v.AsString() != LockTable {
		t.Errorf("bootstrap creates the lock table %q, lookcard init expects %q", v.AsString(), LockTable)
	}
	for _, env := range Names {
		ctx := &hcl.EvalContext{
			Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{
				"account_name":      cty.StringVal(env),
				"state_bucket_name": cty.NullVal(cty.String),
			})},
			Functions: map[string]function.Function{"coalesce": stdlib.CoalesceFunc},
		}
		v, diags := bucketExpr.Value(ctx)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if v.AsString() != StateBucket(env) {
			t.Errorf("bootstrap with account_name=%s creates the bucket %q, lookcard init expects %q", env, v.AsString(), StateBucket(env))
		}
	}
	t.Setenv(EnvStateBucket, "lookcard-state-elsewhere")
	if got := StateBucket("develop"); got != "lookcard-state-elsewhere" {
		t.Errorf("StateBucket with %s set = %q", EnvStateBucket, got)
	}
}
