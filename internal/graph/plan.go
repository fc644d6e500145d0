package graph

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/lookcard/infrastructure/internal/planfile"
)

// The subset of `tofu show -json` (a saved plan) that the graph reads. Only
// resource_changes and configuration are decoded; planned_values, prior_state
// and the variables' values are never looked at beyond catalog_file, so a
// value that is not in after/before (masked below) cannot reach an output.
type planJSON struct {
	planfile.Header
	ResourceChanges []resourceChange `json:"resource_changes"`
	Configuration   struct {
		RootModule configModule `json:"root_module"`
	} `json:"configuration"`
}

type resourceChange struct {
	Address       string          `json:"address"`
	ModuleAddress string          `json:"module_address"`
	Mode          string          `json:"mode"`
	Type          string          `json:"type"`
	Name          string          `json:"name"`
	Index         json.RawMessage `json:"index"`
	Change        struct {
		Actions         []string        `json:"actions"`
		Before          json.RawMessage `json:"before"`
		After           json.RawMessage `json:"after"`
		AfterUnknown    json.RawMessage `json:"after_unknown"`
		BeforeSensitive json.RawMessage `json:"before_sensitive"`
		AfterSensitive  json.RawMessage `json:"after_sensitive"`
	} `json:"change"`
}

type configModule struct {
	Resources   []configResource        `json:"resources"`
	ModuleCalls map[string]configCall   `json:"module_calls"`
	Outputs     map[string]configOutput `json:"outputs"`
}

type configOutput struct {
	Expression json.RawMessage `json:"expression"`
}

type configResource struct {
	Address     string                     `json:"address"`
	Mode        string                     `json:"mode"`
	Type        string                     `json:"type"`
	Name        string                     `json:"name"`
	Expressions map[string]json.RawMessage `json:"expressions"`
	ForEach     json.RawMessage            `json:"for_each_expression"`
	Count       json.RawMessage            `json:"count_expression"`
	DependsOn   []string                   `json:"depends_on"`
}

type configCall struct {
	Source      string                     `json:"source"`
	Expressions map[string]json.RawMessage `json:"expressions"`
	ForEach     json.RawMessage            `json:"for_each_expression"`
	Count       json.RawMessage            `json:"count_expression"`
	Module      configModule               `json:"module"`
	DependsOn   []string                   `json:"depends_on"`
}

func parsePlan(raw []byte) (*planJSON, error) {
	var p planJSON
	if err := planfile.Decode(raw, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// references collects the reference lists of an expression (or of a tree of
// nested blocks) in configuration JSON, one list per expression. Each list
// names a traversal and its prefixes ("aws_x.y[0].id", "aws_x.y[0]",
// "aws_x.y"); only the longest are kept, so an index narrows the target
// instead of being widened again by the bare prefix. constant_value subtrees
// are skipped: they are literal values, never references.
func references(raw json.RawMessage) [][]string {
	if len(raw) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil
	}
	var out [][]string
	walkRefs(v, &out)
	return out
}

func walkRefs(v any, out *[][]string) {
	switch x := v.(type) {
	case map[string]any:
		if list, ok := x["references"].([]any); ok {
			refs := make([]string, 0, len(list))
			for _, r := range list {
				if s, ok := r.(string); ok {
					refs = append(refs, s)
				}
			}
			if refs = maximal(refs); len(refs) > 0 {
				*out = append(*out, refs)
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			if k != "references" && k != "constant_value" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkRefs(x[k], out)
		}
	case []any:
		for _, e := range x {
			walkRefs(e, out)
		}
	}
}

// maximal drops every reference that is a proper prefix of another one in the
// same list.
func maximal(refs []string) []string {
	var out []string
	for i, r := range refs {
		covered := false
		for j, o := range refs {
			if i != j && len(o) > len(r) && strings.HasPrefix(o, r) && (o[len(r)] == '.' || o[len(r)] == '[') {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, r)
		}
	}
	return out
}
