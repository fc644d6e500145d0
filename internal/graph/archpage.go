package graph

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
)

//go:embed assets/arch.html
var archTemplate string

//go:embed assets/arch.css
var archCSS string

//go:embed assets/arch.js
var archJS string

// AllViews lays out every view the page offers: the architecture, the
// changes, each service, each tier that has things.
func (m *Model) AllViews() []*View {
	out := []*View{m.Architecture(), m.DiffView()}
	for _, s := range m.Services() {
		if v, err := m.ServiceView(s); err == nil {
			out = append(out, v)
		}
	}
	for _, t := range Tiers {
		if v, err := m.TierView(t); err == nil && len(v.Nodes) > 0 {
			out = append(out, v)
		}
	}
	return out
}

// ArchitectureHTML writes the architecture page: one self-contained HTML
// file holding every view as SVG, the architecture shown first, and what is
// folded into each thing (its resources by category) for the details panel.
func (m *Model) ArchitectureHTML(w io.Writer) error { return m.ArchitectureHTMLAt(w, ViewArchitecture) }

// ArchitectureHTMLAt writes the page opening on a view (its ID: service:card-api).
func (m *Model) ArchitectureHTMLAt(w io.Writer, initial string) error {
	var opts, tmpls strings.Builder
	for _, v := range m.AllViews() {
		fmt.Fprintf(&opts, `<option value="%s">%s</option>`, html.EscapeString(v.ID), html.EscapeString(strings.TrimPrefix(v.Title, m.Title+": ")))
		var svg bytes.Buffer
		if err := v.SVG(&svg); err != nil {
			return err
		}
		fmt.Fprintf(&tmpls, "<template id=\"view-%s\">%s</template>\n", html.EscapeString(v.ID), svg.String())
	}
	type thingData struct {
		Kind    string              `json:"kind"`
		Service string              `json:"service,omitempty"`
		Folded  map[string][]string `json:"folded"`
	}
	things := map[string]thingData{}
	for _, t := range m.Things {
		things[t.ID] = thingData{Kind: t.Kind, Service: t.Service, Folded: m.Supporting(t)}
	}
	data, err := json.Marshal(map[string]any{"things": things, "categories": Categories, "initial": initial})
	if err != nil {
		return fmt.Errorf("encoding the architecture data: %w", err)
	}
	page := strings.NewReplacer(
		"{{TITLE}}", html.EscapeString(dotTitle(m.Title)),
		"{{OPTIONS}}", opts.String(),
		"{{TEMPLATES}}", tmpls.String(),
		"/*{{CSS}}*/", archCSS,
		"/*{{JS}}*/", archJS,
		"{{DATA}}", string(data),
	).Replace(archTemplate)
	_, err = io.WriteString(w, page)
	return err
}
