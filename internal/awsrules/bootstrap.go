package awsrules

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/lookcard/infrastructure/internal/tfconfig"
)

// Bootstrapped is what bootstrap/ creates in an account, as far as policies
// of the main root may name it.
type Bootstrapped struct {
	Roles []string // IAM role names
	OIDC  []string // OIDC provider hosts
}

// evalModule evaluates, best effort, the locals of module m given its
// input variables, and returns an evaluation context holding both.
func evalModule(m *tfconfig.Module, vars map[string]cty.Value) *hcl.EvalContext {
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"var": cty.ObjectVal(vars)}}
	locals := map[string]cty.Value{}
	for pass := 0; pass < 4; pass++ {
		ctx.Variables["local"] = cty.ObjectVal(locals)
		for n, a := range m.Locals {
			if _, done := locals[n]; done {
				continue
			}
			if v, d := a.Expr.Value(ctx); !d.HasErrors() && v.IsWhollyKnown() {
				locals[n] = v
			}
		}
	}
	ctx.Variables["local"] = cty.ObjectVal(locals)
	return ctx
}

func evalString(e hclsyntax.Expression, ctx *hcl.EvalContext) string {
	v, d := e.Value(ctx)
	if d.HasErrors() || !v.IsWhollyKnown() || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// BootstrapResources parses the bootstrap root at dir for the account
// bootstrap/ is applied to as account (its account_name variable, the
// environment name) and returns the roles and OIDC providers it creates,
// in bootstrap/ itself and in the local modules it calls (modules/access:
// lookcard-<env>-deploy, -plan, -admin, -read-only). Resources whose name
// cannot be evaluated from the configuration alone are left out. Counts are
// ignored: the admin role exists only when bootstrap is given
// admin_principal_arns, which docs/first-apply.md requires.
func BootstrapResources(dir, account string) (Bootstrapped, error) {
	c, err := tfconfig.Load(dir)
	if err != nil {
		return Bootstrapped{}, err
	}
	var out Bootstrapped
	var walk func(m *tfconfig.Module, vars map[string]cty.Value, depth int)
	walk = func(m *tfconfig.Module, vars map[string]cty.Value, depth int) {
		ctx := evalModule(m, vars)
		for _, r := range sortedBlocks(m.Resources) {
			switch r.Type {
			case "aws_iam_role":
				if a, ok := r.Body.Attributes["name"]; ok {
					if n := evalString(a.Expr, ctx); n != "" {
						out.Roles = append(out.Roles, n)
					}
				}
			case "aws_iam_openid_connect_provider":
				if a, ok := r.Body.Attributes["url"]; ok {
					if u := evalString(a.Expr, ctx); u != "" {
						out.OIDC = append(out.OIDC, strings.TrimPrefix(u, "https://"))
					}
				}
			}
		}
		if depth > 5 {
			return
		}
		for _, call := range m.Calls {
			if call.Module == nil {
				continue
			}
			args := map[string]cty.Value{}
			for n, a := range call.Args {
				if v, d := a.Expr.Value(ctx); !d.HasErrors() && v.IsWhollyKnown() {
					args[n] = v
				}
			}
			walk(call.Module, args, depth+1)
		}
	}
	walk(c.Root, map[string]cty.Value{"account_name": cty.StringVal(account)}, 0)
	sort.Strings(out.Roles)
	sort.Strings(out.OIDC)
	return out, nil
}
