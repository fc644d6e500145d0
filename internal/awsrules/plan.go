package awsrules

import (
	"strings"

	"github.com/lookcard/infrastructure/internal/planfile"
	"github.com/lookcard/infrastructure/internal/statefile"
)

// Resource is one managed resource as a plan will leave it.
type Resource struct {
	Address string
	Module  string // module instance address, "" for the root
	Type    string
	After   map[string]any
	Unknown map[string]any // after_unknown: true where known only after apply
}

// str returns attribute k as a string, "" when absent, null or not a string.
func (r Resource) str(k string) string {
	s, _ := r.After[k].(string)
	return s
}

// unknown reports whether attribute k is known only after apply.
func (r Resource) unknown(k string) bool { return r.Unknown[k] == true }

// DataSource is one data source the plan read (from prior_state).
type DataSource struct {
	Address string
	Module  string
	Type    string
	Values  map[string]any
}

// Plan is the part of a saved plan JSON the rules read.
type Plan struct {
	Resources   []Resource
	DataSources []DataSource
	Variables   map[string]any // variable name => value
}

// LoadPlan reads a plan saved by `tofu show -json` (or `lookcard plan --json`).
func LoadPlan(path string) (*Plan, error) {
	var raw planJSON
	if err := planfile.Load(path, &raw); err != nil {
		return nil, err
	}
	return raw.plan(), nil
}

type stateModule struct {
	Address   string `json:"address"`
	Resources []struct {
		Address string         `json:"address"`
		Mode    string         `json:"mode"`
		Type    string         `json:"type"`
		Values  map[string]any `json:"values"`
	} `json:"resources"`
	ChildModules []stateModule `json:"child_modules"`
}

// planJSON is the rules' view of plan JSON, read through internal/planfile.
type planJSON struct {
	planfile.Planned
	PriorState struct {
		Values struct {
			RootModule stateModule `json:"root_module"`
		} `json:"values"`
	} `json:"prior_state"`
}

// ParsePlan parses plan JSON (checked by planfile.Decode). Deleted
// resources are left out.
func ParsePlan(b []byte) (*Plan, error) {
	var raw planJSON
	if err := planfile.Decode(b, &raw); err != nil {
		return nil, err
	}
	return raw.plan(), nil
}

// plan is the rules' Plan of a decoded plan JSON.
func (raw *planJSON) plan() *Plan {
	p := &Plan{Variables: raw.Values()}
	for _, rc := range raw.Remaining() {
		unknown := rc.Change.AfterUnknown
		if unknown == nil {
			unknown = map[string]any{}
		}
		p.Resources = append(p.Resources, Resource{rc.Address, rc.ModuleAddress, rc.Type, rc.Change.After, unknown})
	}
	var walk func(m stateModule)
	walk = func(m stateModule) {
		for _, r := range m.Resources {
			if r.Mode == "data" {
				p.DataSources = append(p.DataSources, DataSource{r.Address, m.Address, r.Type, r.Values})
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(raw.PriorState.Values.RootModule)
	return p
}

// OfType returns the plan's resources of one type.
func (p *Plan) OfType(typ string) []Resource {
	var out []Resource
	for _, r := range p.Resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Variable returns a root variable's value, nil when the plan has none.
func (p *Plan) Variable(name string) any { return p.Variables[name] }

// AccountID is the account the plan is for: the aws_account_id variable
// when the root declares one, else the account of the first IAM ARN a
// resource carries. "" when neither is known.
func (p *Plan) AccountID() string {
	if s, ok := p.Variables["aws_account_id"].(string); ok && s != "" {
		return s
	}
	for _, r := range p.Resources {
		if a := r.str("arn"); strings.HasPrefix(a, "arn:") {
			if parts := strings.SplitN(a, ":", 6); len(parts) == 6 && len(parts[4]) == 12 {
				return parts[4]
			}
		}
	}
	return ""
}

// LoadState reads a state file (terraform.tfstate, as an offline apply
// rehearsal leaves it) as a Plan whose every value is known: rules whose
// inputs a plan knows only after apply (policies built from new ARNs) can
// check them there. It has no variables.
func LoadState(path string) (*Plan, error) {
	st, err := statefile.Read(path, false)
	if err != nil {
		return nil, err
	}
	p := &Plan{Variables: map[string]any{}}
	for _, in := range st.Instances {
		if in.Mode == "data" {
			p.DataSources = append(p.DataSources, DataSource{in.Address, in.Module, in.Type, in.Attributes})
		} else {
			p.Resources = append(p.Resources, Resource{in.Address, in.Module, in.Type, in.Attributes, map[string]any{}})
		}
	}
	return p, nil
}
