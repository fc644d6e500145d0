package compliance

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lookcard/infrastructure/internal/planfile"
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
	// Bootstrap marks a plan of bootstrap/ (its account_name is Environment).
	Bootstrap bool
	// State names the state whose values resolved the plan's unknowns
	// (Resolve), "" when none did; Resolved and Remaining count the
	// resource instances that gained values and that still hold unknowns.
	State               string
	Resolved, Remaining int

	doc   map[string]any
	input ast.Value

	// A fork's original and the resource changes it has copied (Fork).
	parent *Plan
	owned  map[int]bool
}

// ReadPlan reads a plan JSON file.
func ReadPlan(path string) (*Plan, error) {
	src, err := planfile.Read(path)
	if err != nil {
		return nil, err
	}
	return ParsePlan(path, src)
}

// ParsePlan parses plan JSON. planfile checks it and says which environment
// it is for; the whole document (numbers kept exact) is the policies' input.
func ParsePlan(name string, src []byte) (*Plan, error) {
	var h planfile.Header
	if err := planfile.Decode(src, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	input, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := h.Target()
	return &Plan{Name: name, Environment: t.Environment, Preview: t.Preview, Bootstrap: t.Bootstrap, doc: doc, input: input}, nil
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
