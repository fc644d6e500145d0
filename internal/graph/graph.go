// Package graph turns a saved plan (the JSON of `tofu show -json <planfile>`)
// into a graph of the planned infrastructure, for `lookcard graph`: one node
// per managed resource instance, grouped by module instance, classified by
// tier, placed in its ECS service and cluster where it has one, coloured by
// its planned action, with its planned attributes (sensitive values masked);
// one edge per reference between resources, resolved across module calls
// from the plan's configuration section (see resolve.go). The graph renders
// as one self-contained HTML page, as Graphviz DOT and as a Mermaid flowchart.
//
// graph.go holds the model (Graph, Node, Edge, Group and their queries),
// build.go the pipeline from plan JSON to a Graph, placement.go the placing
// of resources in their ECS service and cluster (plan, then catalog); plan.go
// is the graph's view of the plan JSON, read through internal/planfile.
package graph

import (
	"encoding/json"
	"sort"

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
	// Catalog is the service catalog the plan was made with, when known: the
	// architecture view reads what each service uses from it.
	Catalog *catalog.Catalog `json:"-"`
	// values are the unmasked planned values, by node: read only for names,
	// tags and types (load_balancer_type, target_type), never rendered.
	values []map[string]any
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
