package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/graph"
)

// graph's view flags: one view at a time, each named clearly.
func TestGraphViewFlags(t *testing.T) {
	for _, c := range []struct {
		view, service, tier, want, err string
	}{
		{graph.ViewArchitecture, "", "", graph.ViewArchitecture, ""},
		{graph.ViewArchitecture, "card-api", "", graph.ViewService, ""},
		{graph.ViewArchitecture, "", "data", graph.ViewTier, ""},
		{graph.ViewDiff, "", "", graph.ViewDiff, ""},
		{graph.ViewResources, "", "", graph.ViewResources, ""},
		{graph.ViewArchitecture, "card-api", "data", "", "--service and --tier each choose a view"},
		{graph.ViewDiff, "card-api", "", "", "--service draws the service view, not --view diff"},
		{graph.ViewService, "", "", "", "--view service needs --service NAME"},
		{"everything", "", "", "", `unknown --view "everything"`},
	} {
		got, err := graphView(c.view, c.service, c.tier)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("graphView(%q, %q, %q) = %v, want an error saying %q", c.view, c.service, c.tier, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("graphView(%q, %q, %q) = %q, %v; want %q", c.view, c.service, c.tier, got, err, c.want)
		}
	}
}

// Each format of a view renders; an unknown service is refused with the
// services there are.
func TestRenderView(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "graph", "testdata", "chain", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.Build(raw, graph.Options{Title: "fixture"})
	if err != nil {
		t.Fatal(err)
	}
	m := g.Model()
	for format, want := range map[string]string{graph.FormatSVG: "<svg", graph.FormatMermaid: "flowchart LR", graph.FormatDOT: "digraph", graph.FormatHTML: `"initial":"service:api"`} {
		var b bytes.Buffer
		v, err := renderView(context.Background(), &b, m, graph.ViewService, "api", "", format)
		if err != nil || v == nil || v.ID != "service:api" || !strings.Contains(b.String(), want) {
			t.Errorf("%s of service api: %v, %.200s", format, err, b.String())
		}
	}
	var b bytes.Buffer
	if _, err := renderView(context.Background(), &b, m, graph.ViewService, "nope", "", graph.FormatSVG); err == nil || !strings.Contains(err.Error(), "api") {
		t.Errorf("an unknown service must be refused with the list of services, got %v", err)
	}
}
