package graph

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// tierFill fills a node by its tier, in every format.
var tierFill = map[string]string{
	TierEdge: "#dbeafe", TierCompute: "#ffedd5", TierData: "#ede9fe", TierNetwork: "#ccfbf1",
	TierSecurity: "#ffe4e6", TierObservability: "#fef9c3", TierOther: "#f3f4f6",
}

// relStyle draws each relation: stroke, width, dash.
var relStyle = map[string][3]string{
	RelRequest: {"#111827", "2.4", ""},
	RelRoutes:  {"#374151", "1.6", ""},
	RelUses:    {"#7c3aed", "1.3", ""},
	RelCalls:   {"#0284c7", "1.3", "2 4"},
	RelDecrypt: {"#e11d48", "1.3", "6 4"},
	RelEncrypt: {"#e11d48", "1.1", "6 4"},
	RelAlarm:   {"#ca8a04", "1.3", "2 4"},
}

var relNames = map[string]string{
	RelRequest: "request path", RelRoutes: "routes to", RelUses: "reads and writes", RelCalls: "calls (security group rule)",
	RelDecrypt: "may use the key", RelEncrypt: "encrypted with", RelAlarm: "alarm watches",
}

var relOrder = []string{RelRequest, RelRoutes, RelUses, RelCalls, RelDecrypt, RelEncrypt, RelAlarm}

// shape: corner radius by kind — square for keys and secrets, slightly
// rounded for entry points, rounded for services, a pill for stores.
func radius(kind string) float64 {
	switch lane(kind) {
	case 0, 1:
		return 3
	case 2:
		return 9
	case 3:
		if kind == KindSecrets || kind == KindSecret {
			return 0
		}
		return 16
	case 4:
		return 0
	}
	return 5
}

var shapeNames = []struct {
	r    float64
	name string
}{{3, "entry point"}, {9, "ECS service"}, {16, "store, cache, queue"}, {0, "key, secret"}, {5, "other"}}

var actionMark = map[string]string{ActionCreate: "+ ", ActionUpdate: "~ ", ActionReplace: "± ", ActionDelete: "− ", ActionForget: "forget "}

// clipText fits a label to a width at FontSize (DejaVu Sans: about 0.6 em a
// character), with an ellipsis.
func clipText(s string, px float64) string {
	max := int(px / (FontSize * 0.6))
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// legendHeight is the height the legend wraps to at the view's width.
func legendHeight(v *View) float64 {
	rows, x := 1, float64(margin)
	for _, text := range v.legendTexts() {
		w := 26 + float64(len([]rune(text)))*FontSize*0.6 + 18
		if x+w > v.W-margin {
			rows++
			x = margin
		}
		x += w
	}
	return float64(rows)*(FontSize+14) + 16
}

func (v *View) legendTexts() []string {
	tiers, actions, shapes, rels := map[string]bool{}, map[string]bool{}, map[float64]bool{}, map[string]bool{}
	for _, n := range v.Nodes {
		tiers[n.Tier], actions[n.Action], shapes[radius(n.Kind)] = true, true, true
	}
	for _, e := range v.Edges {
		rels[e.Kind] = true
	}
	var out []string
	for _, t := range Tiers {
		if tiers[t] {
			out = append(out, t)
		}
	}
	for _, a := range Actions {
		if actions[a] {
			out = append(out, "border: "+a)
		}
	}
	for _, sh := range shapeNames {
		if shapes[sh.r] {
			out = append(out, sh.name)
		}
	}
	for _, r := range relOrder {
		if rels[r] {
			out = append(out, relNames[r])
		}
	}
	return out
}

func esc(s string) string { return html.EscapeString(s) }

// SVG writes the view as one standalone SVG (styles inline; no script): the
// image the docs show, the page embeds and PNG export renders.
func (v *View) SVG(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="lc-view" data-view="%s" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="%d">`+"\n",
		esc(v.ID), v.W, v.H, v.W, v.H, FontSize)
	fmt.Fprintf(&b, "<title>lookcard %s</title>\n", esc(v.Title))
	b.WriteString(`<defs><marker id="lc-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="context-stroke"></path></marker></defs>` + "\n")
	fmt.Fprintf(&b, `<rect class="bg" x="0" y="0" width="%.0f" height="%.0f" fill="#ffffff"></rect>`+"\n", v.W, v.H)
	fmt.Fprintf(&b, `<text class="title" x="%d" y="%d" font-size="%d" font-weight="600" fill="#111827">%s</text>`+"\n", margin, margin+FontSize+2, FontSize+4, esc(v.Title))
	b.WriteString(`<g class="groups">` + "\n")
	for _, g := range v.Groups {
		fmt.Fprintf(&b, `<g class="cluster" data-cluster="%s"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="8" fill="#f8fafc" stroke="#94a3b8" stroke-width="1.5"></rect><text class="glabel" x="%.1f" y="%.1f" font-size="%d" font-weight="600" fill="#334155">%s</text></g>`+"\n",
			esc(g.Label), g.X, g.Y, g.W, g.H, g.X+groupPad, g.Y+groupHd-8, FontSize, esc(clipText(g.Label, g.W-2*groupPad)))
	}
	b.WriteString("</g>\n<g class=\"edges\">\n")
	for _, e := range v.Edges {
		from, to := v.byID[e.From], v.byID[e.To]
		st := relStyle[e.Kind]
		dash := ""
		if st[2] != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, st[2])
		}
		fmt.Fprintf(&b, `<path class="edge rel-%s" data-from="%s" data-to="%s" data-kind="%s" d="%s" fill="none" stroke="%s" stroke-width="%s" stroke-opacity="%s"%s marker-end="url(#lc-arrow)"><title>%s %s %s</title></path>`+"\n",
			e.Kind, esc(e.From), esc(e.To), e.Kind, edgePath(from, to), st[0], st[1], opacity(e.Kind), dash, esc(from.Label), esc(relNames[e.Kind]), esc(to.Label))
	}
	b.WriteString("</g>\n<g class=\"nodes\">\n")
	for _, n := range v.Nodes {
		c := colors(n.Action)
		sw := 1.6
		if v.diff && n.Action != ActionNoOp {
			sw = 3.2
		}
		if n.Focus {
			sw = 3.6
		}
		label := n.Label
		if v.diff {
			label = actionMark[n.Action] + label
		}
		fmt.Fprintf(&b, `<g class="thing kind-%s act-%s%s" data-id="%s" data-kind="%s" data-action="%s"><title>%s — %s, %s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%.0f" fill="%s" stroke="%s" stroke-width="%.1f"></rect><text x="%.1f" y="%.1f" fill="#111827">%s</text></g>`+"\n",
			n.Kind, mermaidClass(n.Action), focusClass(n.Focus), esc(n.ID), n.Kind, n.Action, esc(n.Label), esc(kindNames[n.Kind]), n.Action,
			n.X, n.Y, n.W, n.H, radius(n.Kind), fillOf(n.Thing), c[0], sw, n.X+10, n.Y+n.H/2+FontSize*0.36, esc(clipText(label, n.W-16)))
	}
	b.WriteString("</g>\n")
	v.legend(&b)
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func focusClass(f bool) string {
	if f {
		return " focus"
	}
	return ""
}

func fillOf(t *Thing) string {
	if f, ok := tierFill[t.Tier]; ok {
		return f
	}
	return tierFill[TierOther]
}

func opacity(kind string) string {
	switch kind {
	case RelRequest, RelRoutes:
		return "0.9"
	}
	return "0.5"
}

// edgePath is a curve from the side of one node to the side of the other;
// between two nodes of one column, from the bottom of the upper one to the
// top of the lower one.
func edgePath(a, b *VNode) string {
	ax, ay := a.X+a.W, a.Y+a.H/2
	bx, by := b.X, b.Y+b.H/2
	switch {
	case b.X >= a.X+a.W:
	case b.X+b.W <= a.X:
		ax, bx = a.X, b.X+b.W
	default: // the same column
		ax, bx = a.X+a.W/2, b.X+b.W/2
		if b.Y > a.Y {
			ay, by = a.Y+a.H, b.Y
		} else {
			ay, by = a.Y, b.Y+b.H
		}
		return fmt.Sprintf("M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", ax, ay, ax, (ay+by)/2, bx, (ay+by)/2, bx, by)
	}
	dx := math.Max(40, math.Abs(bx-ax)/2)
	if bx < ax {
		dx = -dx
	}
	return fmt.Sprintf("M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", ax, ay, ax+dx, ay, bx-dx, by, bx, by)
}

// legend explains fills (tiers), borders (actions), shapes and lines, for
// what the view shows.
func (v *View) legend(b *strings.Builder) {
	y := v.H - legendHeight(v) + 8
	x := float64(margin)
	b.WriteString(`<g class="legend">` + "\n")
	item := func(sw func(x, y float64) string, text string) {
		w := 26 + float64(len([]rune(text)))*FontSize*0.6 + 18
		if x+w > v.W-margin {
			x = margin
			y += FontSize + 14
		}
		fmt.Fprintf(b, `<g class="legend-item">%s<text x="%.1f" y="%.1f" fill="#374151">%s</text></g>`+"\n", sw(x, y), x+26, y+FontSize-2, esc(text))
		x += w
	}
	swatch := func(fill, stroke, width string, rx float64) func(x, y float64) string {
		return func(x, y float64) string {
			return fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="20" height="14" rx="%.0f" fill="%s" stroke="%s" stroke-width="%s"></rect>`, x, y, rx, fill, stroke, width)
		}
	}
	tiers, actions, shapes, rels := map[string]bool{}, map[string]bool{}, map[float64]bool{}, map[string]bool{}
	for _, n := range v.Nodes {
		tiers[n.Tier], actions[n.Action], shapes[radius(n.Kind)] = true, true, true
	}
	for _, e := range v.Edges {
		rels[e.Kind] = true
	}
	for _, t := range Tiers {
		if tiers[t] {
			item(swatch(tierFill[t], "#6b7280", "1", 0), t)
		}
	}
	for _, a := range Actions {
		if actions[a] {
			item(swatch("#ffffff", colors(a)[0], "2.5", 0), "border: "+a)
		}
	}
	for _, sh := range shapeNames {
		if shapes[sh.r] {
			item(swatch("#f3f4f6", "#6b7280", "1", math.Min(sh.r, 7)), sh.name)
		}
	}
	for _, r := range relOrder {
		if rels[r] {
			st := relStyle[r]
			item(func(x, y float64) string {
				return fmt.Sprintf(`<path d="M%.1f,%.1f h20" stroke="%s" stroke-width="%s" stroke-dasharray="%s"></path>`, x, y+7, st[0], st[1], st[2])
			}, relNames[r])
		}
	}
	b.WriteString("</g>\n")
}

// Mermaid writes the view as a Mermaid flowchart sized for GitHub: one
// subgraph per cluster, a shape per kind, a class per tier, thick arrows
// for the request path. CheckGitHub says whether it renders there.
func (v *View) Mermaid(w io.Writer) error {
	s := v.mermaid()
	_, err := io.WriteString(w, s)
	return err
}

func (v *View) mermaid() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%%%% lookcard %s: %d things, %d relations. Generated from the plan; do not edit.\n", mermaidComment(v.Title), len(v.Nodes), len(v.Edges))
	b.WriteString("flowchart LR\n")
	for _, t := range Tiers {
		fmt.Fprintf(&b, "  classDef %s fill:%s,stroke:#6b7280,color:#111827\n", t, tierFill[t])
	}
	if v.diff {
		for _, a := range Actions {
			fmt.Fprintf(&b, "  classDef %s stroke:%s,stroke-width:3px\n", mermaidClass(a), colors(a)[0])
		}
	}
	ids := map[string]string{}
	for i, n := range v.Nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i)
	}
	node := func(n *VNode, indent string) {
		label := n.Label
		if v.diff {
			label = actionMark[n.Action] + label
		}
		open, close := "[\"", "\"]"
		switch lane(n.Kind) {
		case 2:
			open, close = "(\"", "\")"
		case 3:
			open, close = "[(\"", "\")]"
			if n.Kind == KindSecrets || n.Kind == KindSecret {
				open, close = "[[\"", "\"]]"
			}
		case 4:
			open, close = "{{\"", "\"}}"
		}
		fmt.Fprintf(&b, "%s%s%s%s%s:::%s\n", indent, ids[n.ID], open, mermaidText(label), close, n.Tier)
	}
	inGroup := map[string]bool{}
	for gi, g := range v.Groups {
		fmt.Fprintf(&b, "  subgraph c%d[\"cluster %s\"]\n", gi, mermaidText(g.Label))
		for _, n := range g.Nodes {
			node(n, "    ")
			inGroup[n.ID] = true
		}
		b.WriteString("  end\n")
	}
	for _, n := range v.Nodes {
		if !inGroup[n.ID] {
			node(n, "  ")
		}
	}
	for _, e := range v.Edges {
		arrow := "-->"
		switch e.Kind {
		case RelRequest:
			arrow = "==>"
		case RelDecrypt, RelEncrypt, RelCalls, RelAlarm:
			arrow = "-.->"
		}
		if e.Kind == RelRequest || e.Kind == RelUses || e.Kind == RelRoutes {
			fmt.Fprintf(&b, "  %s %s %s\n", ids[e.From], arrow, ids[e.To])
		} else {
			fmt.Fprintf(&b, "  %s %s|%s| %s\n", ids[e.From], arrow, e.Kind, ids[e.To])
		}
	}
	if v.diff {
		byAction := map[string][]string{}
		for _, n := range v.Nodes {
			byAction[n.Action] = append(byAction[n.Action], ids[n.ID])
		}
		for _, a := range Actions {
			if len(byAction[a]) > 0 {
				fmt.Fprintf(&b, "  class %s %s\n", strings.Join(byAction[a], ","), mermaidClass(a))
			}
		}
	}
	return b.String()
}

// DOT writes the view for Graphviz.
func (v *View) DOT(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "// lookcard %s: %d things, %d relations.\n", dotTitle(v.Title), len(v.Nodes), len(v.Edges))
	b.WriteString("digraph lookcard {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14];\n  node [style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=14];\n")
	ids := map[string]string{}
	for i, n := range v.Nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i)
	}
	node := func(n *VNode, indent string) {
		shape := "box"
		switch lane(n.Kind) {
		case 3:
			shape = "cylinder"
		case 4:
			shape = "hexagon"
		}
		label := n.Label
		if v.diff {
			label = actionMark[n.Action] + label
		}
		pw := "1.5"
		if v.diff && n.Action != ActionNoOp {
			pw = "3"
		}
		fmt.Fprintf(&b, "%s%s [label=%s, shape=%s, fillcolor=%s, color=%s, penwidth=%s, tooltip=%s];\n", indent, ids[n.ID], dotQuote(label), shape,
			dotQuote(fillOf(n.Thing)), dotQuote(colors(n.Action)[0]), pw, dotQuote(kindNames[n.Kind]+", "+n.Action))
	}
	inGroup := map[string]bool{}
	for gi, g := range v.Groups {
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=%s;\n    style=\"rounded\";\n    color=\"#94a3b8\";\n", gi, dotQuote("cluster "+g.Label))
		for _, n := range g.Nodes {
			node(n, "    ")
			inGroup[n.ID] = true
		}
		b.WriteString("  }\n")
	}
	for _, n := range v.Nodes {
		if !inGroup[n.ID] {
			node(n, "  ")
		}
	}
	for _, e := range v.Edges {
		st := relStyle[e.Kind]
		style := "solid"
		if st[2] != "" {
			style = "dashed"
		}
		fmt.Fprintf(&b, "  %s -> %s [color=%s, penwidth=%s, style=%s, tooltip=%s];\n", ids[e.From], ids[e.To], dotQuote(st[0]), st[1], style, dotQuote(relNames[e.Kind]))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
