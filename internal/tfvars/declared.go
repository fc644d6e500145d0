package tfvars

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// Variable is a root variable as its .tf file declares it.
type Variable struct {
	// Type is the type constraint; cty.DynamicPseudoType (any value) when
	// the declaration has none.
	Type cty.Type
	// Defaults are its optional() attributes' defaults (nil when none).
	Defaults *typeexpr.Defaults
	// Default is its default, cty.NilVal when the variable is required.
	Default cty.Value
}

// Declared reads every variable declared in the .tf files of dir (the root
// module; *_override.tf files are left out).
func Declared(dir string) (map[string]Variable, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	p := hclparse.NewParser()
	vars := map[string]Variable{}
	schema := &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "variable", LabelNames: []string{"name"}}}}
	for _, f := range files {
		if strings.HasSuffix(f, "_override.tf") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f, err)
		}
		file, diags := p.ParseHCL(src, f)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parsing %s: %s", f, diags.Error())
		}
		content, _, diags := file.Body.PartialContent(schema)
		if diags.HasErrors() {
			return nil, fmt.Errorf("reading %s: %s", f, diags.Error())
		}
		for _, b := range content.Blocks {
			attrs, _ := b.Body.JustAttributes()
			v := Variable{Type: cty.DynamicPseudoType}
			if a, ok := attrs["type"]; ok {
				if v.Type, v.Defaults, diags = typeexpr.TypeConstraintWithDefaults(a.Expr); diags.HasErrors() {
					return nil, fmt.Errorf("variable %q in %s: %s", b.Labels[0], f, diags.Error())
				}
			}
			if a, ok := attrs["default"]; ok {
				if v.Default, diags = a.Expr.Value(nil); diags.HasErrors() {
					return nil, fmt.Errorf("variable %q default in %s: %s", b.Labels[0], f, diags.Error())
				}
			}
			vars[b.Labels[0]] = v
		}
	}
	return vars, nil
}

// FromEnv reads the TF_VAR_<name> environment variables of the declared
// variables, as the engine does: verbatim for a string variable, otherwise
// as an HCL expression.
func FromEnv(decl map[string]Variable) (map[string]any, error) {
	out := map[string]any{}
	for name, v := range decl {
		raw, ok := os.LookupEnv("TF_VAR_" + name)
		if !ok {
			continue
		}
		if v.Type == cty.String {
			out[name] = cty.StringVal(raw)
			continue
		}
		expr, diags := hclsyntax.ParseExpression([]byte(raw), "TF_VAR_"+name, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("TF_VAR_%s: %s", name, diags.Error())
		}
		val, diags := expr.Value(nil)
		if diags.HasErrors() {
			return nil, fmt.Errorf("TF_VAR_%s: %s", name, diags.Error())
		}
		out[name] = val
	}
	return out, nil
}

// Object builds var.* as the engine would: each given value (a cty.Value, or
// a value as encoding/json decodes it) or else the variable's default, with
// its optional() attribute defaults filled in and converted to its type. A
// required variable that is not given is null.
func Object(decl map[string]Variable, given map[string]any) (cty.Value, error) {
	out := map[string]cty.Value{}
	for name, v := range decl {
		val := v.Default
		if cv, ok := given[name].(cty.Value); ok {
			val = cv
		} else if g, ok := given[name]; ok {
			b, err := json.Marshal(g)
			if err != nil {
				return cty.NilVal, fmt.Errorf("%s: %w", name, err)
			}
			ty, err := ctyjson.ImpliedType(b)
			if err != nil {
				return cty.NilVal, fmt.Errorf("%s: %w", name, err)
			}
			if val, err = ctyjson.Unmarshal(b, ty); err != nil {
				return cty.NilVal, fmt.Errorf("%s: %w", name, err)
			}
		}
		if val == cty.NilVal {
			out[name] = cty.NullVal(v.Type)
			continue
		}
		if v.Defaults != nil {
			val = v.Defaults.Apply(val)
		}
		conv, err := convert.Convert(val, v.Type)
		if err != nil {
			return cty.NilVal, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = conv
	}
	return cty.ObjectVal(out), nil
}
