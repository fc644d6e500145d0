package cost

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/lookcard/infrastructure/internal/planfile"
)

// Plan is the part of `tofu show -json` (of a saved plan) that pricing reads:
// the managed resources as they will be after apply, and the root outputs
// and variables.
type Plan struct {
	Resources []*Resource
	Outputs   map[string]any
	Variables map[string]any
}

// Resource is one managed resource instance in its planned state.
type Resource struct {
	Address       string
	ModuleAddress string
	Type          string
	Name          string
	Index         any
	Values        map[string]any
	Actions       []string
	// Unknown is the plan's after_unknown: attributes known only after apply.
	Unknown map[string]any
}

// rawPlan is pricing's view of the plan JSON: planfile checks the header.
type rawPlan struct {
	planfile.Planned
	OutputChanges map[string]struct {
		After any `json:"after"`
	} `json:"output_changes"`
}

// ReadPlan reads a plan JSON file.
func ReadPlan(file string) (*Plan, error) {
	b, err := planfile.Read(file)
	if err != nil {
		return nil, err
	}
	p, err := ParsePlan(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return p, nil
}

// ParsePlan decodes plan JSON. Resources being destroyed, and data sources,
// are left out: they cost nothing after apply.
func ParsePlan(b []byte) (*Plan, error) {
	var raw rawPlan
	if err := planfile.Decode(b, &raw); err != nil {
		return nil, err
	}
	p := &Plan{Outputs: map[string]any{}, Variables: raw.Values()}
	for _, rc := range raw.Remaining() {
		p.Resources = append(p.Resources, &Resource{
			Address: rc.Address, ModuleAddress: rc.ModuleAddress, Type: rc.Type, Name: rc.Name,
			Index: rc.Index, Values: rc.Change.After, Actions: rc.Change.Actions, Unknown: rc.Change.AfterUnknown,
		})
	}
	sort.Slice(p.Resources, func(i, j int) bool { return p.Resources[i].Address < p.Resources[j].Address })
	for k, o := range raw.OutputChanges {
		p.Outputs[k] = o.After
	}
	return p, nil
}

// Variable returns a root variable's value as a string ("" when unset).
func (p *Plan) Variable(name string) string {
	if s, ok := p.Variables[name].(string); ok {
		return s
	}
	return ""
}

// ModuleCall is the module path without instance keys:
// module.ecs_service["card-api"] → module.ecs_service; "" → (root).
func (r *Resource) ModuleCall() string {
	if r.ModuleAddress == "" {
		return "(root)"
	}
	return stripKeys(r.ModuleAddress)
}

func stripKeys(addr string) string {
	var b strings.Builder
	depth := 0
	inString := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"' && depth > 0:
			inString = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// moduleKey is the instance key of the innermost keyed module
// (module.ecs_service["card-api"] → card-api), or "".
func (r *Resource) moduleKey() string {
	addr := r.ModuleAddress
	for addr != "" {
		i := strings.LastIndex(addr, "module.")
		if i < 0 {
			return ""
		}
		seg := addr[i:]
		if j := strings.Index(seg, "[\""); j >= 0 && strings.HasSuffix(seg, "\"]") {
			if k, err := strconv.Unquote(seg[j+1 : len(seg)-1]); err == nil {
				return k
			}
		}
		addr = strings.TrimSuffix(addr[:i], ".")
	}
	return ""
}

// indexKey is the resource's own for_each key or count index as a string.
func (r *Resource) indexKey() string {
	switch v := r.Index.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// tag returns a tags_all (or tags) value.
func (r *Resource) tag(key string) string {
	for _, attr := range []string{"tags_all", "tags"} {
		if m, ok := r.Values[attr].(map[string]any); ok {
			if s, ok := m[key].(string); ok {
				return s
			}
		}
	}
	return ""
}

// ── attribute helpers: plan values are JSON (numbers are float64) ─────────

func str(m map[string]any, key string) string {
	if m == nil {
		return ""
	}
	switch v := m[key].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// num reads a number, or a string holding one ("512"); ok is false when the
// attribute is absent, null or unknown.
func num(m map[string]any, key string) (float64, bool) {
	if m == nil {
		return 0, false
	}
	switch v := m[key].(type) {
	case float64:
		return v, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}

func boolean(m map[string]any, key string) bool {
	if m == nil {
		return false
	}
	b, _ := m[key].(bool)
	return b
}

func list(m map[string]any, key string) []any {
	if m == nil {
		return nil
	}
	l, _ := m[key].([]any)
	return l
}

// block returns the first element of a nested block list.
func block(m map[string]any, key string) map[string]any {
	for _, e := range list(m, key) {
		if b, ok := e.(map[string]any); ok {
			return b
		}
	}
	return nil
}

func blocks(m map[string]any, key string) []map[string]any {
	var out []map[string]any
	for _, e := range list(m, key) {
		if b, ok := e.(map[string]any); ok {
			out = append(out, b)
		}
	}
	return out
}

// unknown reports whether a top-level attribute is known only after apply.
func (r *Resource) unknown(attr string) bool {
	v, _ := r.Unknown[attr].(bool)
	return v
}
