package compliance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Plan is the JSON of a saved plan (`tofu show -json`), parsed once for
// every evaluation.
type Plan struct {
	// Name says where the plan came from (its path) in reports.
	Name string
	// Environment is the plan's TF_VAR_environment ("" when it has none).
	Environment string
	// Preview is the sandbox preview's name (TF_VAR_preview), "" otherwise.
	Preview string

	doc   map[string]any
	input ast.Value
}

// ReadPlan reads a plan JSON file.
func ReadPlan(path string) (*Plan, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading plan: %w", err)
	}
	return ParsePlan(path, src)
}

// ParsePlan parses plan JSON.
func ParsePlan(name string, src []byte) (*Plan, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s is not JSON: %w", name, err)
	}
	if _, ok := doc["format_version"]; !ok {
		return nil, fmt.Errorf("%s is not plan JSON (no format_version): save it with `tofu show -json <planfile>`", name)
	}
	input, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &Plan{Name: name, doc: doc, input: input}
	if vars, ok := doc["variables"].(map[string]any); ok {
		if env, ok := vars["environment"].(map[string]any); ok {
			p.Environment, _ = env["value"].(string)
		}
		if preview, ok := vars["preview"].(map[string]any); ok {
			p.Preview, _ = preview["value"].(string)
		}
	}
	return p, nil
}

// addresses lists the live managed resources of the given types, as the
// policies' lib.resources does.
func (p *Plan) addresses(types []string) []string {
	want := map[string]bool{}
	for _, t := range types {
		want[t] = true
	}
	var out []string
	changes, _ := p.doc["resource_changes"].([]any)
	for _, c := range changes {
		rc, _ := c.(map[string]any)
		if rc["mode"] != "managed" || !want[str(rc["type"])] {
			continue
		}
		change, _ := rc["change"].(map[string]any)
		if change["after"] == nil {
			continue
		}
		if actions, _ := change["actions"].([]any); len(actions) == 1 && actions[0] == "delete" {
			continue
		}
		out = append(out, str(rc["address"]))
	}
	return out
}

// moduleSources maps a module path ("ecs_service", "a.b") to its source as
// written in the configuration.
func (p *Plan) moduleSources() map[string]string {
	out := map[string]string{}
	var walk func(prefix string, mod map[string]any)
	walk = func(prefix string, mod map[string]any) {
		calls, _ := mod["module_calls"].(map[string]any)
		for name, c := range calls {
			call, _ := c.(map[string]any)
			key := name
			if prefix != "" {
				key = prefix + "." + name
			}
			out[key] = str(call["source"])
			if m, ok := call["module"].(map[string]any); ok {
				walk(key, m)
			}
		}
	}
	if cfg, ok := p.doc["configuration"].(map[string]any); ok {
		if root, ok := cfg["root_module"].(map[string]any); ok {
			walk("", root)
		}
	}
	return out
}
