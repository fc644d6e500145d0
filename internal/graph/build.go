package graph

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lookcard/infrastructure/internal/catalog"
)

// Options tune Build.
type Options struct {
	// Title names the graph (the stack, for example).
	Title string
	// ConfigDir is the configuration's root directory (the repository). Module
	// sources under it are read for their locals, which the plan JSON does not
	// carry; empty skips that.
	ConfigDir string
	// Catalog gives services their ECS cluster when the plan does not. Nil
	// reads the plan's catalog_file variable or catalog/services.yaml under
	// ConfigDir, when either exists.
	Catalog *catalog.Catalog
}

// Build reads a plan JSON and builds its graph.
func Build(planJSON []byte, opts Options) (*Graph, error) {
	p, err := parsePlan(planJSON)
	if err != nil {
		return nil, err
	}
	r := newResolver(p, opts.ConfigDir)
	g := &Graph{Title: opts.Title}

	var changes []*resourceChange
	for i := range p.ResourceChanges {
		if rc := &p.ResourceChanges[i]; rc.Mode == "managed" {
			changes = append(changes, rc)
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Address < changes[j].Address })

	insts := make([]*instance, 0, len(changes))
	values := make([]map[string]any, 0, len(changes)) // unmasked, for tags and names only
	for i, rc := range changes {
		steps, err := parseModuleAddress(rc.ModuleAddress)
		if err != nil {
			return nil, fmt.Errorf("resource %s: %w", rc.Address, err)
		}
		n := &Node{
			ID: i, Address: rc.Address, Module: rc.ModuleAddress, ModuleCall: configAddress(steps),
			Type: rc.Type, Name: strings.TrimPrefix(rc.Address, rc.ModuleAddress+"."),
			Tier: Tier(rc.Type), Action: action(rc.Change.Actions),
		}
		value, unknown, sensitive := rc.Change.After, rc.Change.AfterUnknown, rc.Change.AfterSensitive
		if n.Action == ActionDelete || n.Action == ActionForget {
			value, unknown, sensitive = rc.Change.Before, nil, rc.Change.BeforeSensitive
		}
		raw, err := decode(value)
		if err != nil {
			return nil, fmt.Errorf("resource %s: reading planned values: %w", rc.Address, err)
		}
		if n.Attributes, err = plannedDecoded(raw, unknown, sensitive); err != nil {
			return nil, fmt.Errorf("resource %s: reading planned values: %w", rc.Address, err)
		}
		m, _ := raw.(map[string]any)
		values = append(values, m)
		g.Nodes = append(g.Nodes, n)
		insts = append(insts, &instance{node: n, steps: steps, module: r.modules[n.ModuleCall], res: rc.Type + "." + rc.Name, key: indexKey(rc.Index)})
	}
	r.index(insts)
	g.Edges = r.edges(insts)
	g.Groups = groups(g.Nodes)

	cat := opts.Catalog
	if cat == nil && opts.ConfigDir != "" {
		if cat, err = loadCatalog(p, opts.ConfigDir); err != nil {
			g.Warnings = append(g.Warnings, err.Error()+"; services without a cluster reference get no cluster")
		}
	}
	assignServices(r, insts, values, cat)
	g.Catalog = cat
	g.values = values
	g.Warnings = append(g.Warnings, r.warnings...)
	return g, nil
}

func action(actions []string) string {
	switch strings.Join(actions, ",") {
	case "create":
		return ActionCreate
	case "update":
		return ActionUpdate
	case "delete,create", "create,delete":
		return ActionReplace
	case "delete":
		return ActionDelete
	case "read":
		return ActionRead
	case "forget":
		return ActionForget
	case "no-op", "":
		return ActionNoOp
	}
	return strings.Join(actions, ",")
}

func groups(nodes []*Node) []*Group {
	byModule := map[string]*Group{}
	var out []*Group
	for _, n := range nodes {
		gr := byModule[n.Module]
		if gr == nil {
			gr = &Group{Module: n.Module, Call: n.ModuleCall}
			byModule[n.Module] = gr
			out = append(out, gr)
		}
		gr.Nodes = append(gr.Nodes, n.ID)
		if rank(n.Action) < rank(gr.Action) || gr.Action == "" {
			gr.Action = n.Action
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Module < out[j].Module })
	return out
}

func rank(a string) int {
	for i, x := range Actions {
		if x == a {
			return i
		}
	}
	return len(Actions)
}
