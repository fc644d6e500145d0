package cost

import (
	"math"
	"sort"
)

// ResourceDelta is one resource's change in monthly cost between two plans.
type ResourceDelta struct {
	Address string  `json:"address"`
	Type    string  `json:"type"`
	Service string  `json:"service,omitempty"`
	Change  string  `json:"change"` // added, removed or changed
	Base    float64 `json:"base"`
	Head    float64 `json:"head"`
	Delta   float64 `json:"delta"`
}

// GroupDelta is a subtotal's change.
type GroupDelta struct {
	Name  string  `json:"name"`
	Base  float64 `json:"base"`
	Head  float64 `json:"head"`
	Delta float64 `json:"delta"`
}

// Diff compares two estimates, like `infracost diff`.
type Diff struct {
	BaseEnvironment string          `json:"base_environment"`
	BasePlan        string          `json:"base_plan"`
	HeadEnvironment string          `json:"head_environment"`
	HeadPlan        string          `json:"head_plan"`
	Base            float64         `json:"base_monthly"`
	Head            float64         `json:"head_monthly"`
	Delta           float64         `json:"delta"`
	Resources       []ResourceDelta `json:"resources"`
	Categories      []GroupDelta    `json:"by_category"`
	Services        []GroupDelta    `json:"by_service"`
	// NotPriced are the head's uncovered resources: the delta does not
	// include them.
	NotPriced []NotPriced `json:"not_priced"`
	Warnings  []string    `json:"warnings,omitempty"`
}

// Compare diffs a head estimate against a base. Resources whose cost did
// not change (to the cent) are left out.
func Compare(base, head *Breakdown) *Diff {
	d := &Diff{
		BaseEnvironment: base.Environment, BasePlan: base.Plan, HeadEnvironment: head.Environment, HeadPlan: head.Plan,
		Base: base.Monthly, Head: head.Monthly, Delta: head.Monthly - base.Monthly,
		NotPriced: head.NotPriced, Warnings: head.Warnings, Resources: []ResourceDelta{},
	}
	b := map[string]ResourceCost{}
	for _, r := range base.Resources {
		b[r.Address] = r
	}
	seen := map[string]bool{}
	for _, h := range head.Resources {
		seen[h.Address] = true
		old, ok := b[h.Address]
		rd := ResourceDelta{Address: h.Address, Type: h.Type, Service: h.Service, Change: "changed", Base: old.Monthly, Head: h.Monthly}
		if !ok {
			rd.Change = "added"
		}
		rd.Delta = rd.Head - rd.Base
		if ok && round2(rd.Delta) == 0 {
			continue
		}
		d.Resources = append(d.Resources, rd)
	}
	for _, old := range base.Resources {
		if !seen[old.Address] {
			d.Resources = append(d.Resources, ResourceDelta{Address: old.Address, Type: old.Type, Service: old.Service,
				Change: "removed", Base: old.Monthly, Delta: -old.Monthly})
		}
	}
	sort.Slice(d.Resources, func(i, j int) bool {
		a, b := math.Abs(round2(d.Resources[i].Delta)), math.Abs(round2(d.Resources[j].Delta))
		if a != b {
			return a > b
		}
		return d.Resources[i].Address < d.Resources[j].Address
	})
	d.Categories = groupDeltas(base.Categories, head.Categories)
	d.Services = groupDeltas(base.Services, head.Services)
	return d
}

func groupDeltas(base, head []Group) []GroupDelta {
	m := map[string]*GroupDelta{}
	for _, g := range base {
		m[g.Name] = &GroupDelta{Name: g.Name, Base: g.Monthly}
	}
	for _, g := range head {
		if m[g.Name] == nil {
			m[g.Name] = &GroupDelta{Name: g.Name}
		}
		m[g.Name].Head = g.Monthly
	}
	out := []GroupDelta{}
	for _, g := range m {
		g.Delta = g.Head - g.Base
		if round2(g.Delta) != 0 {
			out = append(out, *g)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := math.Abs(round2(out[i].Delta)), math.Abs(round2(out[j].Delta))
		if a != b {
			return a > b
		}
		return out[i].Name < out[j].Name
	})
	return out
}
