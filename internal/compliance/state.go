package compliance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lookcard/infrastructure/internal/statefile"
)

// ReadState reads a state file (an offline rehearsal's
// .lookcard/rehearsal/<stack>/terraform.tfstate) into attributes by address.
func ReadState(path string) (map[string]map[string]any, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading state: %w", err)
	}
	return ParseState(path, src)
}

// ParseState parses a state file's JSON (numbers kept exact) into
// attributes by address, root outputs as "output.<name>" with their value
// under "value".
func ParseState(name string, src []byte) (map[string]map[string]any, error) {
	st, err := statefile.Parse(src, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := make(map[string]map[string]any, len(st.Instances)+len(st.Outputs))
	for _, in := range st.Instances {
		out[in.Address] = in.Attributes
	}
	for name, v := range st.Outputs {
		out["output."+name] = map[string]any{"value": v}
	}
	return out, nil
}

// UsableState says whether the state at statePath can resolve the plan at
// planPath: it exists, holds resources (a destroyed rehearsal does not) and
// is not older than the plan (an older one may describe other code). When
// it cannot, why says so ("" when there is no state at all).
func UsableState(statePath, planPath string) (ok bool, why string) {
	si, err := os.Stat(statePath)
	if err != nil {
		return false, ""
	}
	pi, err := os.Stat(planPath)
	if err != nil {
		return false, ""
	}
	if si.ModTime().Before(pi.ModTime()) {
		return false, "it is older than the plan"
	}
	st, err := ReadState(statePath)
	if err != nil {
		return false, err.Error()
	}
	if len(st) == 0 {
		return false, "it holds no resources (destroyed)"
	}
	return true, ""
}

// Resolve fills the plan's values that are unknown at plan time (true in
// after_unknown) from a state of the same configuration, normally the
// offline rehearsal's (`lookcard apply --env E --offline`). Values the plan
// knows always win: only unknowns are replaced, and an unknown the state
// does not hold stays unknown (and unverified). It returns how many resource
// instances gained a value and how many still hold an unknown that a rule
// may need.
func (p *Plan) Resolve(stateName string, state map[string]map[string]any) (resolved, remaining int, err error) {
	cfg := p.configuredAttributes()
	changes, _ := p.doc["resource_changes"].([]any)
	for _, c := range changes {
		rc, _ := c.(map[string]any)
		change, _ := rc["change"].(map[string]any)
		after, _ := change["after"].(map[string]any)
		unknown, _ := change["after_unknown"].(map[string]any)
		if after == nil || !hasUnknown(unknown) {
			continue
		}
		attrs, ok := state[str(rc["address"])]
		if !ok {
			remaining++
			continue
		}
		configured := cfg[configKey(rc)]
		changed := false
		for k, u := range unknown {
			// Only what the configuration sets, and the resource's own
			// identifiers (to match references such as an association's
			// resource_arn): a value the provider computes on its own is
			// the offline provider's invention, not what AWS would return.
			if !configured[k] && !identifiers[k] {
				continue
			}
			v, left, did := fill(after[k], u, attrs[k])
			if did {
				after[k] = v
				changed = true
			}
			if left == nil {
				delete(unknown, k)
			} else {
				unknown[k] = left
			}
		}
		if changed {
			resolved++
		}
		if hasUnknown(unknown) {
			remaining++
		}
	}
	outputs, _ := p.doc["output_changes"].(map[string]any)
	for name, o := range outputs {
		oc, _ := o.(map[string]any)
		if !hasUnknown(oc["after_unknown"]) {
			continue
		}
		st, ok := state["output."+name]
		if !ok {
			remaining++
			continue
		}
		v, left, did := fill(oc["after"], oc["after_unknown"], st["value"])
		if did {
			oc["after"] = v
			resolved++
		}
		if left == nil {
			oc["after_unknown"] = false
		} else {
			oc["after_unknown"] = left
			remaining++
		}
	}
	if p.input, err = ast.InterfaceToValue(p.doc); err != nil {
		return 0, 0, fmt.Errorf("%s resolved from %s: %w", p.Name, stateName, err)
	}
	p.State = stateName
	p.Resolved, p.Remaining = resolved, remaining
	return resolved, remaining, nil
}

// identifiers are the computed attributes other resources refer to; the
// rehearsal state's values for them are consistent with those references.
var identifiers = map[string]bool{"arn": true, "id": true, "name": true}

var moduleName = regexp.MustCompile(`module\.([A-Za-z0-9_-]+)`)

// configKey names a resource change's configuration block: its module path
// without instance keys and its type.name ("ecs_service.aws_iam_role.task").
func configKey(rc map[string]any) string {
	var mods []string
	for _, m := range moduleName.FindAllStringSubmatch(str(rc["module_address"]), -1) {
		mods = append(mods, m[1])
	}
	return strings.Join(append(mods, str(rc["type"])+"."+str(rc["name"])), ".")
}

// configuredAttributes maps each configuration block (configKey) to the
// arguments its configuration sets.
func (p *Plan) configuredAttributes() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	var walk func(prefix []string, mod map[string]any)
	walk = func(prefix []string, mod map[string]any) {
		res, _ := mod["resources"].([]any)
		for _, r := range res {
			rm, _ := r.(map[string]any)
			exprs, _ := rm["expressions"].(map[string]any)
			set := map[string]bool{}
			for k := range exprs {
				set[k] = true
			}
			out[strings.Join(append(append([]string(nil), prefix...), str(rm["address"])), ".")] = set
		}
		calls, _ := mod["module_calls"].(map[string]any)
		for name, c := range calls {
			call, _ := c.(map[string]any)
			if m, ok := call["module"].(map[string]any); ok {
				walk(append(append([]string(nil), prefix...), name), m)
			}
		}
	}
	if c, ok := p.doc["configuration"].(map[string]any); ok {
		if root, ok := c["root_module"].(map[string]any); ok {
			walk(nil, root)
		}
	}
	return out
}

// fill resolves one value: planned is the plan's (partial) value, u its
// after_unknown marker, s the state's value. It returns the new value, what
// is still unknown (nil when nothing) and whether anything was filled.
func fill(planned, u, s any) (any, any, bool) {
	switch u := u.(type) {
	case bool:
		if !u {
			return planned, nil, false
		}
		if s == nil {
			return planned, true, false
		}
		return s, nil, true
	case map[string]any:
		pm, _ := planned.(map[string]any)
		sm, _ := s.(map[string]any)
		if pm == nil {
			if sm == nil {
				return planned, leftover(u), false
			}
			pm = map[string]any{}
		}
		did := false
		left := map[string]any{}
		for k, x := range u {
			v, l, d := fill(pm[k], x, sm[k])
			if d {
				pm[k], did = v, true
			}
			if l != nil {
				left[k] = l
			}
		}
		if len(left) == 0 {
			return pm, nil, did
		}
		return pm, left, did
	case []any:
		pl, _ := planned.([]any)
		sl, _ := s.([]any)
		if len(pl) != len(u) {
			return planned, leftover(u), false
		}
		did := false
		left := make([]any, len(u))
		anyLeft := false
		for i, x := range u {
			var si any
			if i < len(sl) {
				si = sl[i]
			}
			v, l, d := fill(pl[i], x, si)
			if d {
				pl[i], did = v, true
			}
			if l != nil {
				left[i], anyLeft = l, true
			} else {
				left[i] = false
			}
		}
		if !anyLeft {
			return pl, nil, did
		}
		return pl, left, did
	}
	return planned, nil, false
}

// leftover is u when it still marks something unknown, else nil.
func leftover(u any) any {
	if hasUnknown(u) {
		return u
	}
	return nil
}

// hasUnknown reports whether an after_unknown value marks anything unknown.
func hasUnknown(u any) bool {
	switch u := u.(type) {
	case bool:
		return u
	case map[string]any:
		for _, x := range u {
			if hasUnknown(x) {
				return true
			}
		}
	case []any:
		for _, x := range u {
			if hasUnknown(x) {
				return true
			}
		}
	}
	return false
}

// Patch is one JSON edit of a plan (the mutation corpus): at the resource
// change with Address, set (or, when Delete, remove) the value at Path under
// change.after; the same path under after_unknown is cleared, so the edited
// value is known, as it would be in a rehearsal state.
type Patch struct {
	Address string `yaml:"address" json:"address"`
	Path    []any  `yaml:"path" json:"path"`
	Value   any    `yaml:"value" json:"value"`
	Delete  bool   `yaml:"delete" json:"delete"`
}

// Fork copies a plan cheaply so that patches (Apply, Remove, AddResource)
// leave the original untouched: resource changes are shared until a patch
// touches one, which is then copied, and the policy input is rebuilt from
// the original's for the untouched ones (a full plan is megabytes).
func (p *Plan) Fork() *Plan {
	q := *p
	q.doc = make(map[string]any, len(p.doc))
	for k, v := range p.doc {
		q.doc[k] = v
	}
	changes, _ := p.doc["resource_changes"].([]any)
	q.doc["resource_changes"] = append([]any(nil), changes...)
	q.parent = p
	q.owned = map[int]bool{}
	return &q
}

// find returns the index of a resource change, copied for editing when the
// plan is a fork.
func (p *Plan) find(address string) (int, map[string]any, error) {
	changes, _ := p.doc["resource_changes"].([]any)
	for i, c := range changes {
		m, _ := c.(map[string]any)
		if str(m["address"]) != address {
			continue
		}
		if p.parent != nil && !p.owned[i] {
			m, _ = normalize(m).(map[string]any)
			changes[i] = m
			p.owned[i] = true
		}
		return i, m, nil
	}
	return 0, nil, fmt.Errorf("no resource %s in %s", address, p.Name)
}

// refresh rebuilds the policy input after patches.
func (p *Plan) refresh() error {
	if p.parent == nil {
		var err error
		p.input, err = ast.InterfaceToValue(p.doc)
		return err
	}
	obj, ok := p.parent.input.(ast.Object)
	if !ok {
		return fmt.Errorf("%s: plan input is not an object", p.Name)
	}
	key := ast.StringTerm("resource_changes")
	old, _ := obj.Get(key).Value.(*ast.Array)
	changes, _ := p.doc["resource_changes"].([]any)
	terms := make([]*ast.Term, len(changes))
	for i, c := range changes {
		if !p.owned[i] && old != nil && i < old.Len() {
			terms[i] = old.Elem(i)
			continue
		}
		v, err := ast.InterfaceToValue(c)
		if err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
		terms[i] = ast.NewTerm(v)
	}
	next := ast.NewObject()
	obj.Foreach(func(k, v *ast.Term) {
		if k.Equal(key) {
			v = ast.NewTerm(ast.NewArray(terms...))
		}
		next.Insert(k, v)
	})
	p.input = next
	return nil
}

// Apply applies patches in order. A path into a missing resource is an
// error: a patch that edits nothing would pass for a caught mutation.
func (p *Plan) Apply(patches []Patch) error {
	for _, pt := range patches {
		_, rc, err := p.find(pt.Address)
		if err != nil {
			return fmt.Errorf("patch: %w", err)
		}
		change, _ := rc["change"].(map[string]any)
		if len(pt.Path) == 0 {
			return fmt.Errorf("patch of %s: empty path", pt.Address)
		}
		after, _ := change["after"].(map[string]any)
		if err := setPath(after, pt.Path, normalize(pt.Value), pt.Delete); err != nil {
			return fmt.Errorf("patch of %s %v: %w", pt.Address, pt.Path, err)
		}
		if u, ok := change["after_unknown"].(map[string]any); ok {
			_ = setPath(u, pt.Path, nil, true)
		}
	}
	return p.refresh()
}

// AddResource appends a resource change (already in plan JSON form).
func (p *Plan) AddResource(rc map[string]any) error {
	changes, _ := p.doc["resource_changes"].([]any)
	p.doc["resource_changes"] = append(changes, normalize(rc))
	if p.owned != nil {
		p.owned[len(changes)] = true
	}
	return p.refresh()
}

// Remove deletes a resource from the plan (its change becomes a delete), as
// if its configuration had been removed.
func (p *Plan) Remove(address string) error {
	_, rc, err := p.find(address)
	if err != nil {
		return fmt.Errorf("remove: %w", err)
	}
	change, _ := rc["change"].(map[string]any)
	change["actions"] = []any{"delete"}
	change["after"] = nil
	change["after_unknown"] = map[string]any{}
	return p.refresh()
}

// setPath sets or deletes the value at path (map keys and list indexes).
func setPath(root any, path []any, v any, del bool) error {
	cur := root
	for i, k := range path {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			key := fmt.Sprint(k)
			if last {
				if del {
					delete(c, key)
				} else {
					c[key] = v
				}
				return nil
			}
			next, ok := c[key]
			if !ok || next == nil {
				if del {
					return nil
				}
				next = map[string]any{}
				c[key] = next
			}
			cur = next
		case []any:
			n, err := strconv.Atoi(fmt.Sprint(k))
			if err != nil || n < 0 || n >= len(c) {
				if del {
					return nil
				}
				return fmt.Errorf("index %v out of range (%d elements)", k, len(c))
			}
			if last {
				if del {
					c[n] = nil
				} else {
					c[n] = v
				}
				return nil
			}
			cur = c[n]
		default:
			if del {
				return nil
			}
			return fmt.Errorf("%s is not an object or a list", strings.Trim(fmt.Sprint(path[:i]), "[]"))
		}
	}
	return nil
}

// normalize turns YAML-decoded values into what encoding/json would give
// (map[string]any, []any, json.Number), so that OPA reads them alike.
func normalize(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if dec.Decode(&out) != nil {
		return v
	}
	return out
}
