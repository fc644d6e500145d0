package graph

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Views of the model.
const (
	ViewArchitecture = "architecture"
	ViewService      = "service"
	ViewTier         = "tier"
	ViewDiff         = "diff"
	ViewResources    = "resources" // the resource graph (Graph.HTML, DOT, Mermaid)
)

// Views lists the view names.
var Views = []string{ViewArchitecture, ViewService, ViewTier, ViewDiff, ViewResources}

// View is a laid-out picture of part of the model.
type View struct {
	ID     string // architecture, service:card-api, tier:data, diff
	Title  string
	Nodes  []*VNode
	Edges  []Rel
	Groups []*VGroup
	W, H   float64
	diff   bool
	byID   map[string]*VNode
}

// VNode is a thing placed in a view.
type VNode struct {
	*Thing
	Label      string
	Focus      bool
	X, Y, W, H float64
}

// VGroup is an ECS cluster drawn around its services.
type VGroup struct {
	ID, Label  string
	Nodes      []*VNode
	X, Y, W, H float64
}

// Node returns a view's node by thing ID.
func (v *View) Node(id string) *VNode { return v.byID[id] }

// Architecture is the default view: the request paths, the clusters with
// their services, and the stores, caches, queues and keys the services use.
// The secrets are one node here (each is in the service views).
func (m *Model) Architecture() *View {
	keep := map[string]bool{}
	for _, t := range m.Things {
		switch t.Kind {
		case KindCloudflare, KindAPIGateway, KindNLB, KindALB, KindCDN, KindWeb, KindService:
			keep[t.ID] = true
		}
	}
	var rels []Rel
	secrets := &Thing{ID: "secrets", Label: "Secrets Manager", Kind: KindSecrets, Tier: TierSecurity}
	nsecrets := 0
	for _, t := range m.Things {
		if t.Kind == KindSecret {
			nsecrets++
			if secrets.Action == "" || rank(t.Action) < rank(secrets.Action) {
				secrets.Action = t.Action
			}
		}
	}
	secrets.Label = fmt.Sprintf("Secrets Manager (%d)", nsecrets)
	mapID := func(id string) string {
		if t := m.byID[id]; t != nil && t.Kind == KindSecret {
			return "secrets"
		}
		return id
	}
	for _, r := range m.Rels {
		if r.Kind == RelCalls {
			continue
		}
		from, to := m.byID[r.From], m.byID[r.To]
		if !keep[r.From] && !(from.Kind == KindSecret || from.Kind == KindProxy || from.Kind == KindDatabase || from.Kind == KindCache || from.Kind == KindTable || from.Kind == KindQueue) {
			continue
		}
		if to.Kind == KindBucket && r.Kind == RelRequest {
			keep[to.ID] = true
		}
		rels = append(rels, Rel{mapID(r.From), mapID(r.To), r.Kind})
	}
	// Keep the stores a kept thing uses, then the keys those use.
	for pass := 0; pass < 3; pass++ {
		for _, r := range rels {
			if keep[r.From] {
				keep[r.To] = true
			}
		}
	}
	extra := map[string]*Thing{"secrets": secrets}
	return m.view(ViewArchitecture, m.Title+": architecture", keep, rels, extra, "")
}

// ServiceView is one service: what calls it and what it calls, the request
// path to it, the stores it reads and writes, the keys it may use, the
// alarms that watch it.
func (m *Model) ServiceView(service string) (*View, error) {
	focus := m.byID["svc:"+service]
	if focus == nil {
		return nil, fmt.Errorf("no service %q in the plan (services: %s)", service, strings.Join(m.Services(), ", "))
	}
	keep := map[string]bool{focus.ID: true}
	var rels []Rel
	for _, r := range m.Rels {
		if r.From == focus.ID || r.To == focus.ID {
			keep[r.From], keep[r.To] = true, true
			rels = append(rels, r)
		}
	}
	// The request path up to the service; the keys of its stores.
	for changed := true; changed; {
		changed = false
		for _, r := range m.Rels {
			up := (r.Kind == RelRequest || r.Kind == RelRoutes) && keep[r.To] && !isService(m.byID[r.From])
			enc := r.Kind == RelEncrypt && keep[r.From] && r.From != focus.ID && usedBy(rels, focus.ID, r.From)
			if (up || enc) && !hasRel(rels, r) {
				rels = append(rels, r)
				if !keep[r.From] || !keep[r.To] {
					changed = true
				}
				keep[r.From], keep[r.To] = true, true
			}
		}
	}
	extra := map[string]*Thing{}
	for _, a := range m.Alarms(focus) {
		id := "alarm:" + a
		label := a
		if i := strings.Index(a, service+"-"); i >= 0 {
			label = a[i+len(service)+1:]
		}
		extra[id] = &Thing{ID: id, Label: "alarm " + label, Kind: KindAlarm, Tier: TierObservability, Action: focus.Action}
		keep[id] = true
		rels = append(rels, Rel{id, focus.ID, RelAlarm})
	}
	return m.view(ViewService+":"+service, m.Title+": service "+service, keep, rels, extra, focus.ID), nil
}

func isService(t *Thing) bool { return t != nil && (t.Kind == KindService || t.Kind == KindWeb) }

func usedBy(rels []Rel, from, to string) bool {
	for _, r := range rels {
		if r.From == from && r.To == to {
			return true
		}
	}
	return false
}

func hasRel(rels []Rel, x Rel) bool {
	for _, r := range rels {
		if r == x {
			return true
		}
	}
	return false
}

// TierView is the things of one tier and the relations between them.
func (m *Model) TierView(tier string) (*View, error) {
	found := false
	for _, t := range Tiers {
		found = found || t == tier
	}
	if !found {
		return nil, fmt.Errorf("unknown tier %q (want one of %s)", tier, strings.Join(Tiers, ", "))
	}
	keep := map[string]bool{}
	for _, t := range m.Things {
		if t.Tier == tier && t.Kind != KindCluster {
			keep[t.ID] = true
		}
	}
	var rels []Rel
	for _, r := range m.Rels {
		if keep[r.From] && keep[r.To] {
			rels = append(rels, r)
		}
	}
	return m.view(ViewTier+":"+tier, m.Title+": "+tier+" tier", keep, rels, nil, ""), nil
}

// DiffView is what the plan changes: every thing with a resource to create,
// update, replace or delete, coloured by its most significant action, and
// the relations between them.
func (m *Model) DiffView() *View {
	keep := map[string]bool{}
	for _, t := range m.Things {
		if t.Action != ActionNoOp && t.Action != ActionRead && t.Kind != KindCluster {
			keep[t.ID] = true
		}
	}
	// The secrets, one node per action: a dozen created secrets say no more
	// than "12 secrets created".
	extra := map[string]*Thing{}
	group := func(id string) string {
		t := m.byID[id]
		if t == nil || t.Kind != KindSecret {
			return id
		}
		gid := "secrets:" + t.Action
		g := extra[gid]
		if g == nil {
			g = &Thing{ID: gid, Kind: KindSecrets, Tier: TierSecurity, Action: t.Action}
			extra[gid] = g
		}
		return gid
	}
	count := map[string]int{}
	for _, t := range m.Things {
		if keep[t.ID] && t.Kind == KindSecret {
			keep[t.ID] = false
			gid := group(t.ID)
			keep[gid] = true
			count[gid]++
			extra[gid].Label = fmt.Sprintf("Secrets Manager (%d)", count[gid])
		}
	}
	var rels []Rel
	for _, r := range m.Rels {
		from, to := group(r.From), group(r.To)
		if keep[from] && keep[to] && r.Kind != RelCalls {
			rels = append(rels, Rel{from, to, r.Kind})
		}
	}
	v := m.view(ViewDiff, m.Title+": changes", keep, rels, extra, "")
	v.diff = true
	return v
}

// Changes counts the things of a view by action.
func (v *View) Changes() map[string]int {
	out := map[string]int{}
	for _, n := range v.Nodes {
		out[n.Action]++
	}
	return out
}

// Sizes of the layout, in SVG units (CSS pixels at zoom 1). Every text is
// at least FontSize: readable at the fitted zoom of a 1400-pixel window.
const (
	FontSize = 14
	svcW     = 196
	nodeH    = 32
	gapY     = 10
	laneGap  = 44
	groupPad = 10
	groupHd  = 28
	groupGap = 22
	margin   = 20
	titleH   = 34
)

// laneW is the width of a lane's nodes: its longest labels fit.
var laneW = []float64{150, 196, svcW, 220, 160, 240}

func lane(kind string) int {
	switch kind {
	case KindCloudflare:
		return 0
	case KindAPIGateway, KindNLB, KindALB, KindCDN, KindWeb, KindWAF:
		return 1
	case KindService:
		return 2
	case KindProxy, KindDatabase, KindCache, KindTable, KindQueue, KindSecrets, KindSecret, KindBucket, KindFunction, KindTopic:
		return 3
	case KindKey:
		return 4
	}
	return 5
}

// viewLabel is the text a node shows.
func viewLabel(t *Thing) string {
	switch t.Kind {
	case KindTable:
		if _, name, ok := strings.Cut(t.Label, "/"); ok {
			return "table " + name
		}
		return "table " + t.Label
	case KindQueue:
		if t.Service != "" {
			return t.Service + " DLQ"
		}
	case KindSecret:
		return "secret " + strings.TrimPrefix(t.Label, "app/")
	case KindWeb:
		return "App Runner " + t.Label
	}
	return t.Label
}

func (m *Model) view(id, title string, keep map[string]bool, rels []Rel, extra map[string]*Thing, focus string) *View {
	v := &View{ID: id, Title: title, byID: map[string]*VNode{}}
	add := func(t *Thing) {
		if v.byID[t.ID] != nil {
			return
		}
		n := &VNode{Thing: t, Label: viewLabel(t), Focus: t.ID == focus}
		v.byID[t.ID] = n
		v.Nodes = append(v.Nodes, n)
	}
	for _, t := range m.Things {
		if keep[t.ID] {
			add(t)
		}
	}
	var extras []string
	for id := range extra {
		extras = append(extras, id)
	}
	sort.Strings(extras)
	for _, id := range extras {
		if keep[id] {
			add(extra[id])
		}
	}
	seen := map[Rel]bool{}
	for _, r := range rels {
		if v.byID[r.From] != nil && v.byID[r.To] != nil && r.From != r.To && !seen[r] {
			seen[r] = true
			v.Edges = append(v.Edges, r)
		}
	}
	sort.Slice(v.Edges, func(i, j int) bool {
		a, b := v.Edges[i], v.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Kind < b.Kind
	})
	sort.SliceStable(v.Nodes, func(i, j int) bool {
		a, b := v.Nodes[i], v.Nodes[j]
		if kindRank(a.Kind) != kindRank(b.Kind) {
			return kindRank(a.Kind) < kindRank(b.Kind)
		}
		return a.Label < b.Label
	})
	v.layout()
	return v
}

// layout places the nodes in lanes from left to right: Cloudflare; the
// entry points top-down in request order; the clusters as a grid of boxes
// with their services; the stores; the keys; the rest. Tall lanes wrap into
// columns no taller than the clusters.
func (v *View) layout() {
	lanes := make([][]*VNode, 6)
	origin := map[string]bool{} // a bucket CloudFront serves sits with the entry points
	for _, e := range v.Edges {
		if e.Kind == RelRequest {
			origin[e.To] = true
		}
	}
	for _, n := range v.Nodes {
		l := lane(n.Kind)
		if l == 3 && origin[n.ID] {
			l = 1
		}
		lanes[l] = append(lanes[l], n)
	}
	// The clusters' grid.
	byCluster := map[string]*VGroup{}
	for _, n := range lanes[2] {
		c := n.Cluster
		if c == "" {
			c = "no cluster"
		}
		g := byCluster[c]
		if g == nil {
			g = &VGroup{ID: "cluster:" + c, Label: c}
			byCluster[c] = g
			v.Groups = append(v.Groups, g)
		}
		g.Nodes = append(g.Nodes, n)
	}
	sort.Slice(v.Groups, func(i, j int) bool { return v.Groups[i].Label < v.Groups[j].Label })
	cols := 1
	switch {
	case len(v.Groups) > 4:
		cols = 3
	case len(v.Groups) > 1:
		cols = 2
	}
	gridH, gridW := 0.0, 0.0
	colW := float64(svcW + 2*groupPad)
	for i := 0; i < len(v.Groups); i += cols {
		rowH := 0.0
		for j := i; j < i+cols && j < len(v.Groups); j++ {
			g := v.Groups[j]
			g.W = colW
			g.H = groupHd + float64(len(g.Nodes))*(nodeH+gapY) - gapY + 2*groupPad
			rowH = math.Max(rowH, g.H)
		}
		for j := i; j < i+cols && j < len(v.Groups); j++ {
			v.Groups[j].Y = gridH
			v.Groups[j].X = float64(j-i) * (colW + groupGap)
			v.Groups[j].H = rowH
		}
		gridH += rowH + groupGap
	}
	if len(v.Groups) > 0 {
		gridH -= groupGap
		gridW = float64(min(cols, len(v.Groups)))*(colW+groupGap) - groupGap
	}
	maxRows := int(math.Max(8, math.Floor((gridH+gapY)/(nodeH+gapY))))
	type box struct{ w, h float64 }
	sizes := make([]box, 6)
	for l, ns := range lanes {
		if l == 2 {
			sizes[l] = box{gridW, gridH}
			continue
		}
		if len(ns) == 0 {
			continue
		}
		c := (len(ns) + maxRows - 1) / maxRows
		rows := (len(ns) + c - 1) / c
		sizes[l] = box{float64(c)*(laneW[l]+24) - 24, float64(rows)*(nodeH+gapY) - gapY}
	}
	totalH := 0.0
	for _, s := range sizes {
		totalH = math.Max(totalH, s.h)
	}
	x := float64(margin)
	top := float64(margin + titleH)
	for l, ns := range lanes {
		s := sizes[l]
		if s.w == 0 {
			continue
		}
		y0 := top + (totalH-s.h)/2
		if l == 2 {
			for _, g := range v.Groups {
				g.X += x
				g.Y += y0
				for i, n := range g.Nodes {
					n.X, n.Y, n.W, n.H = g.X+groupPad, g.Y+groupHd+groupPad+float64(i)*(nodeH+gapY), svcW, nodeH
				}
			}
		} else {
			c := (len(ns) + maxRows - 1) / maxRows
			rows := (len(ns) + c - 1) / c
			for i, n := range ns {
				n.X = x + float64(i/rows)*(laneW[l]+24)
				n.Y = y0 + float64(i%rows)*(nodeH+gapY)
				n.W, n.H = laneW[l], nodeH
			}
		}
		x += s.w + laneGap
	}
	v.W = math.Max(x-laneGap+margin, 640)
	v.H = top + totalH + margin + legendHeight(v)
}

// Mermaid's limits as GitHub renders them (Mermaid's defaults: maxTextSize
// 50,000 characters, maxEdges 500; https://mermaid.js.org/config/schema-docs/config.html).
const (
	MermaidMaxText  = 50000
	MermaidMaxEdges = 500
)

// TooLargeError says that a view does not fit GitHub's Mermaid limits.
type TooLargeError struct {
	View         string
	Chars, Edges int
	Alternative  string
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the %s view is too large for GitHub's Mermaid renderer: %d characters (limit %d) and %d edges (limit %d); draw a focused view instead: %s",
		e.View, e.Chars, MermaidMaxText, e.Edges, MermaidMaxEdges, e.Alternative)
}

// CheckGitHub returns a *TooLargeError when Mermaid text exceeds GitHub's limits.
func CheckGitHub(view, mermaid string, edges int, alternative string) error {
	if len(mermaid) > MermaidMaxText || edges > MermaidMaxEdges {
		return &TooLargeError{View: view, Chars: len(mermaid), Edges: edges, Alternative: alternative}
	}
	return nil
}
