package tfvars

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const rootVariables = `
variable "environment" {
  type = string
}
variable "network" {
  type = object({
    cidr              = optional(string, "10.0.0.0/16")
    nat_gateway_count = optional(number, 1)
    endpoints         = optional(list(object({ service = string, private_dns = optional(bool, true) })), [])
  })
  default = {}
}
variable "services" {
  type = map(object({ cpu = number, memory = optional(number) }))
}
variable "tags" {
  type = map(string)
}
variable "anything" {}
`

func TestCheckTypes(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "variables.tf"), []byte(rootVariables), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		vars map[string]any
		want []string // "" entries: must pass
	}{
		{"valid at every depth", map[string]any{
			"environment": "develop",
			"network":     map[string]any{"nat_gateway_count": 3, "endpoints": []any{map[string]any{"service": "s3", "private_dns": false}}},
			"services":    map[string]any{"card-api": map[string]any{"cpu": 256, "memory": 512}},
			"tags":        map[string]any{"AnyKey": "ok"},
			"anything":    map[string]any{"free": map[string]any{"form": 1}},
		}, nil},
		{"typo inside an object", map[string]any{"environment": "develop", "network": map[string]any{"nat_gatway_count": 3}},
			[]string{"network.nat_gatway_count: no such attribute (did you mean nat_gateway_count?)"}},
		{"unknown top-level variable", map[string]any{"enviroment": "develop"},
			[]string{"enviroment: no such variable (did you mean environment?)"}},
		{"typo inside a list of objects", map[string]any{"network": map[string]any{"endpoints": []any{map[string]any{"service": "s3", "privat_dns": true}}}},
			[]string{"network.endpoints[0].privat_dns: no such attribute (did you mean private_dns?)"}},
		{"typo inside a map of objects", map[string]any{"services": map[string]any{"card-api": map[string]any{"cpu": 1, "memroy": 2}}},
			[]string{"services.card-api.memroy: no such attribute (did you mean memory?)"}},
		{"nothing near", map[string]any{"network": map[string]any{"zzzzzzzzzz": 1}},
			[]string{"network.zzzzzzzzzz: no such attribute"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckTypes(root, filepath.Join(root, "terraform.develop.tfvars.json"), c.vars)
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want an error naming %q, got success", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error must contain %q, got: %v", w, err)
				}
			}
			if strings.Contains(err.Error(), "did you mean") && strings.Contains(c.name, "nothing near") {
				t.Errorf("no suggestion expected when nothing is near: %v", err)
			}
		})
	}
}

// The repository's own tfvars files must pass against its own variables.
func TestRepositoryTfvarsMatchTheirTypes(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, env := range []string{"develop", "testing", "staging", "production", "sandbox"} {
		path := filepath.Join(root, "terraform."+env+".tfvars.json")
		vars, err := Check(path, env)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckTypes(root, path, vars); err != nil {
			t.Errorf("%s: %v", env, err)
		}
	}
}
