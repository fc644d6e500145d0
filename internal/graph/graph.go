// Package graph turns a saved plan (the JSON of `tofu show -json <planfile>`)
// into a graph of the planned infrastructure, for `lookcard graph`: one node
// per managed resource instance, grouped by module instance, classified by
// tier, placed in its ECS service and cluster where it has one, coloured by
// its planned action, with its planned attributes (sensitive values masked);
// one edge per reference between resources, resolved across module calls
// from the plan's configuration section (see resolve.go). The graph renders
// as one self-contained HTML page, as Graphviz DOT and as a Mermaid flowchart.
package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lookcard/infrastructure/internal/catalog"
)

// Planned actions.
const (
	ActionCreate  = "create"
	ActionUpdate  = "update"
	ActionReplace = "replace"
	ActionDelete  = "delete"
	ActionNoOp    = "no-op"
	ActionRead    = "read"
	ActionForget  = "forget"
)

// Actions lists the actions from the most to the least significant; a module
// group takes the most significant action of its resources.
var Actions = []string{ActionDelete, ActionReplace, ActionUpdate, ActionCreate, ActionForget, ActionRead, ActionNoOp}

// Node is one managed resource instance.
type Node struct {
	ID         int    `json:"id"`
	Address    string `json:"address"`
	Module     string `json:"module"`      // module instance address, "" in the root module
	ModuleCall string `json:"module_call"` // the same without instance keys
	Type       string `json:"type"`
	Name       string `json:"name"` // the address inside its module: type.name[key]
	Tier       string `json:"tier"`
	Service    string `json:"service,omitempty"`
	Cluster    string `json:"cluster,omitempty"`
	Action     string `json:"action"`
	// Attributes are the planned values (before, for a deletion), with
	// sensitive values replaced by Sensitive and unknown ones by Unknown.
	Attributes any `json:"attributes"`
}

// Edge says that From references To (From depends on To).
type Edge struct {
	From, To int
}

// MarshalJSON writes an edge as [from, to].
func (e Edge) MarshalJSON() ([]byte, error) { return json.Marshal([2]int{e.From, e.To}) }

// Group is a module instance and the resources it holds directly.
type Group struct {
	Module string `json:"module"` // "" for the root module
	Call   string `json:"call"`
	Nodes  []int  `json:"nodes"`
	Action string `json:"action"`
}

// Label is the group's name as shown.
func (g *Group) Label() string {
	if g.Module == "" {
		return "root module"
	}
	return g.Module
}

// Graph is the planned infrastructure of one plan.
type Graph struct {
	Title  string   `json:"title"`
	Nodes  []*Node  `json:"nodes"` // sorted by address; Nodes[i].ID == i
	Edges  []Edge   `json:"edges"` // sorted, without duplicates
	Groups []*Group `json:"groups"`
	// Warnings are problems that made the graph less complete (an unreadable
	// module source, so its locals are not followed); never fatal.
	Warnings []string `json:"-"`
}

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

// loadCatalog reads the catalog the plan was made with: its catalog_file
// variable, else catalog/services.yaml. No file is no catalog.
func loadCatalog(p *planJSON, root string) (*catalog.Catalog, error) {
	path := filepath.Join(root, catalog.Path)
	if raw, ok := p.Variables["catalog_file"]; ok {
		var v struct {
			Value string `json:"value"`
		}
		if json.Unmarshal(raw, &v) == nil && v.Value != "" {
			path = v.Value
			if !filepath.IsAbs(path) {
				path = filepath.Join(root, path)
			}
		}
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return catalog.Load(path)
}

// serviceResourceTypes mark a module as one ECS service per instance: the
// string key of its instance is the service.
var serviceResourceTypes = map[string]bool{"aws_ecs_service": true, "aws_ecs_task_definition": true}

// assignServices sets Service and Cluster. The service of a resource is the
// key of the innermost ECS-service module instance holding it
// (module.ecs_service["card-api"]), else its Service tag. The cluster of a
// service comes from its aws_ecs_service: the planned cluster value when
// known, else the cluster reference when it resolves to one aws_ecs_cluster;
// else from the catalog. ECS clusters (and their capacity providers) belong
// to their own cluster.
func assignServices(r *resolver, insts []*instance, values []map[string]any, cat *catalog.Catalog) {
	serviceModule := map[string]bool{}
	for addr, m := range r.modules {
		for _, res := range m.resources {
			if serviceResourceTypes[res.typ] {
				serviceModule[addr] = true
			}
		}
	}
	clusterOf := func(i int) string { // the cluster an ECS cluster resource names
		in := insts[i]
		if k := unquoteKey(in.key); in.key != "" && k != in.key {
			return k
		}
		for _, attr := range []string{"name", "cluster_name"} {
			if s, ok := values[i][attr].(string); ok && s != "" {
				return s
			}
		}
		return ""
	}
	idx := map[*instance]int{}
	clusterNames := map[string]string{} // name, ARN or short name → cluster
	for i, in := range insts {
		idx[in] = i
		n := in.node
		for j := len(in.steps) - 1; j >= 0; j-- {
			k := in.steps[j].key
			if serviceModule[configAddress(in.steps[:j+1])] && strings.HasPrefix(k, `"`) {
				n.Service = unquoteKey(k)
				break
			}
		}
		if n.Service == "" {
			if tags, ok := values[i]["tags_all"].(map[string]any); ok {
				n.Service, _ = tags["Service"].(string)
			}
		}
		if strings.HasPrefix(n.Type, "aws_ecs_cluster") {
			n.Cluster = clusterOf(i)
			if n.Type == "aws_ecs_cluster" && n.Cluster != "" {
				for _, attr := range []string{"name", "arn", "id"} {
					if s, ok := values[i][attr].(string); ok && s != "" {
						clusterNames[s] = n.Cluster
					}
				}
			}
		}
	}
	serviceCluster := map[string]string{}
	for i, in := range insts {
		n := in.node
		if n.Type != "aws_ecs_service" || n.Service == "" || serviceCluster[n.Service] != "" {
			continue
		}
		if s, ok := values[i]["cluster"].(string); ok && clusterNames[s] != "" {
			serviceCluster[n.Service] = clusterNames[s]
			continue
		}
		found := map[string]bool{}
		for _, t := range r.attrTargets(in, "cluster") {
			if t.node.Type == "aws_ecs_cluster" {
				if c := clusterOf(idx[t]); c != "" {
					found[c] = true
				}
			}
		}
		if len(found) == 1 {
			for c := range found {
				serviceCluster[n.Service] = c
			}
		}
	}
	for _, in := range insts {
		n := in.node
		if n.Service == "" || n.Cluster != "" {
			continue
		}
		if c := serviceCluster[n.Service]; c != "" {
			n.Cluster = c
		} else if cat != nil {
			n.Cluster = cat.Services[n.Service].Cluster
		}
	}
}

// Services lists the services of the graph, sorted.
func (g *Graph) Services() []string {
	return distinct(g.Nodes, func(n *Node) string { return n.Service })
}

// Clusters lists the clusters of the graph, sorted.
func (g *Graph) Clusters() []string {
	return distinct(g.Nodes, func(n *Node) string { return n.Cluster })
}

func distinct(nodes []*Node, f func(*Node) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range nodes {
		if v := f(n); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// Related returns, for the resources of a service, every resource they
// depend on and every resource that depends on them, transitively (the
// service's own resources are in neither set). The page highlights the same.
func (g *Graph) Related(service string) (seeds, dependsOn, dependents map[int]bool) {
	seeds = map[int]bool{}
	for _, n := range g.Nodes {
		if n.Service == service {
			seeds[n.ID] = true
		}
	}
	deps := make([][]int, len(g.Nodes))
	users := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		deps[e.From] = append(deps[e.From], e.To)
		users[e.To] = append(users[e.To], e.From)
	}
	return seeds, closure(seeds, deps), closure(seeds, users)
}

func closure(seeds map[int]bool, next [][]int) map[int]bool {
	out := map[int]bool{}
	var queue []int
	for id := range seeds {
		queue = append(queue, id)
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, o := range next[id] {
			if !out[o] && !seeds[o] {
				out[o] = true
				queue = append(queue, o)
			}
		}
	}
	return out
}
