package graph

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
)

// Formats Render accepts.
const (
	FormatHTML    = "html"
	FormatDOT     = "dot"
	FormatMermaid = "mermaid"
)

// Formats lists the output formats.
var Formats = []string{FormatHTML, FormatDOT, FormatMermaid}

// Render writes the graph in a format.
func (g *Graph) Render(w io.Writer, format string) error {
	switch format {
	case FormatHTML:
		return g.HTML(w)
	case FormatDOT:
		return g.DOT(w)
	case FormatMermaid:
		return g.Mermaid(w)
	}
	return fmt.Errorf("unknown graph format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// actionColors fill nodes by planned action (border, fill), in every format.
var actionColors = map[string][2]string{
	ActionCreate:  {"#2e7d32", "#dcf5dc"},
	ActionUpdate:  {"#b7791f", "#fdf1d6"},
	ActionReplace: {"#c05621", "#fde2cf"},
	ActionDelete:  {"#c62828", "#fbdada"},
	ActionRead:    {"#2b6cb0", "#dbeafe"},
	ActionForget:  {"#6b46c1", "#ebe4fb"},
	ActionNoOp:    {"#718096", "#edf0f4"},
}

func colors(action string) [2]string {
	if c, ok := actionColors[action]; ok {
		return c
	}
	return actionColors[ActionNoOp]
}

// DOT writes the graph for Graphviz: one subgraph cluster per module
// instance, an arrow from each resource to each resource it references.
// Nodes and edges are in address order, so the output diffs well.
func (g *Graph) DOT(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "// lookcard graph of %s: %d resources, %d references.\n", dotTitle(g.Title), len(g.Nodes), len(g.Edges))
	b.WriteString("// An arrow points from a resource to a resource it references; fill colour is the planned action.\n")
	b.WriteString("digraph lookcard {\n")
	b.WriteString("  graph [rankdir=RL, compound=true, fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n")
	b.WriteString("  edge [color=\"#8a94a6\", arrowsize=0.6];\n")
	for gi, gr := range g.Groups {
		indent := "  "
		if gr.Module != "" {
			fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=%s;\n    style=\"rounded\";\n    color=\"#a0aec0\";\n", gi, dotQuote(gr.Module))
			indent = "    "
		}
		for _, id := range gr.Nodes {
			n := g.Nodes[id]
			c := colors(n.Action)
			fmt.Fprintf(&b, "%sn%d [label=%s, color=%s, fillcolor=%s, tooltip=%s];\n", indent, n.ID,
				dotQuote(n.Name+"\n"+n.Action), dotQuote(c[0]), dotQuote(c[1]), dotQuote(n.Address))
		}
		if gr.Module != "" {
			b.WriteString("  }\n")
		}
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  n%d -> n%d;\n", e.From, e.To)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotTitle(t string) string {
	if t == "" {
		return "the plan"
	}
	return t
}

func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// Mermaid writes the graph as a Mermaid flowchart: one subgraph per module
// instance, an arrow from each resource to each resource it references, a
// class per planned action. Deterministic, like DOT.
func (g *Graph) Mermaid(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%%%% lookcard graph of %s: %d resources, %d references.\n", mermaidComment(dotTitle(g.Title)), len(g.Nodes), len(g.Edges))
	b.WriteString("%% An arrow points from a resource to a resource it references; the class is the planned action.\n")
	b.WriteString("flowchart RL\n")
	for _, a := range Actions {
		c := colors(a)
		fmt.Fprintf(&b, "  classDef %s fill:%s,stroke:%s,color:#1a202c\n", mermaidClass(a), c[1], c[0])
	}
	for gi, gr := range g.Groups {
		indent := "  "
		if gr.Module != "" {
			fmt.Fprintf(&b, "  subgraph g%d[\"%s\"]\n", gi, mermaidText(gr.Module))
			indent = "    "
		}
		for _, id := range gr.Nodes {
			n := g.Nodes[id]
			fmt.Fprintf(&b, "%sn%d[\"%s\"]:::%s\n", indent, n.ID, mermaidText(n.Name), mermaidClass(n.Action))
		}
		if gr.Module != "" {
			b.WriteString("  end\n")
		}
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  n%d --> n%d\n", e.From, e.To)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mermaidClass(action string) string {
	if action == ActionNoOp {
		return "noop"
	}
	return strings.NewReplacer(",", "_", "-", "").Replace(action)
}

// mermaidText escapes a label for a quoted Mermaid node text.
func mermaidText(s string) string {
	return strings.NewReplacer("#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ").Replace(s)
}

func mermaidComment(s string) string { return strings.ReplaceAll(s, "\n", " ") }

//go:embed assets/page.html
var pageTemplate string

//go:embed assets/page.css
var pageCSS string

//go:embed assets/page.js
var pageJS string

// HTML writes one self-contained page: the graph as embedded JSON, the
// stylesheet and the script inline; it loads nothing at view time.
func (g *Graph) HTML(w io.Writer) error {
	data, err := json.Marshal(struct {
		*Graph
		Tiers   []string `json:"tiers"`
		Actions []string `json:"actions"`
		Colors  any      `json:"colors"`
	}{g, Tiers, Actions, actionColors})
	if err != nil {
		return fmt.Errorf("encoding graph data: %w", err)
	}
	// json.Marshal escapes <, > and &, so the data cannot close its <script>.
	page := strings.NewReplacer(
		"{{TITLE}}", html.EscapeString(dotTitle(g.Title)),
		"/*{{CSS}}*/", pageCSS,
		"/*{{JS}}*/", pageJS,
		"{{DATA}}", string(data),
	).Replace(pageTemplate)
	_, err = io.WriteString(w, page)
	return err
}
