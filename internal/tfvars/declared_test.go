package tfvars

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestObjectBuildsVarAsTheEngineDoes: a given value beats the default, a
// TF_VAR_ string is taken verbatim and any other type is read as HCL,
// optional() defaults are filled in, and a required variable not given is
// null.
func TestObjectBuildsVarAsTheEngineDoes(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "variables.tf"), []byte(rootVariables), 0o644); err != nil {
		t.Fatal(err)
	}
	decl, err := Declared(root)
	if err != nil {
		t.Fatal(err)
	}
	if decl["network"].Defaults == nil || decl["anything"].Type != cty.DynamicPseudoType || decl["environment"].Default != cty.NilVal {
		t.Fatalf("Declared = %#v", decl)
	}
	t.Setenv("TF_VAR_environment", "{ not = hcl }")
	t.Setenv("TF_VAR_network", `{ nat_gateway_count = 2 }`)
	given, err := FromEnv(decl)
	if err != nil {
		t.Fatal(err)
	}
	given["services"] = map[string]any{"card-api": map[string]any{"cpu": 256}}
	v, err := Object(decl, given)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.GetAttr("environment").AsString(); got != "{ not = hcl }" {
		t.Errorf("environment = %q, want the TF_VAR_ string verbatim", got)
	}
	net := v.GetAttr("network")
	if n, _ := net.GetAttr("nat_gateway_count").AsBigFloat().Int64(); n != 2 || net.GetAttr("cidr").AsString() != "10.0.0.0/16" {
		t.Errorf("network = %#v, want nat_gateway_count 2 from TF_VAR_ and the optional() cidr", net)
	}
	if !v.GetAttr("services").Index(cty.StringVal("card-api")).GetAttr("memory").IsNull() {
		t.Errorf("services = %#v", v.GetAttr("services"))
	}
	if !v.GetAttr("tags").IsNull() {
		t.Errorf("tags (required, not given) = %#v, want null", v.GetAttr("tags"))
	}

	t.Setenv("TF_VAR_network", `{ nat_gateway_count = `)
	if _, err := FromEnv(decl); err == nil || !strings.Contains(err.Error(), "TF_VAR_network") {
		t.Errorf("FromEnv with bad HCL = %v, want an error naming TF_VAR_network", err)
	}
	if _, err := Object(decl, map[string]any{"services": "not a map"}); err == nil || !strings.HasPrefix(err.Error(), "services:") {
		t.Errorf("Object with a string for a map = %v, want an error naming services", err)
	}
}
