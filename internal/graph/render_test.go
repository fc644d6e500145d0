package graph

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestGolden(t *testing.T) {
	g := buildFixture(t, fixtureDir)
	for _, format := range []string{FormatDOT, FormatMermaid} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := g.Render(&b, format); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "chain."+format)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/graph -run TestGolden -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from %s (run go test ./internal/graph -run TestGolden -update and review the diff):\n%s", format, path, b.String())
			}
			// Deterministic: a second build renders the same bytes.
			var again bytes.Buffer
			if err := buildFixture(t, fixtureDir).Render(&again, format); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), again.Bytes()) {
				t.Error("two renderings of the same plan differ")
			}
		})
	}
}

// TestSecretsNeverRendered: the fixture's secret (sensitive in after, before
// and nested blocks, a constant in the configuration, a variable value, in
// prior_state) appears in no output format.
func TestSecretsNeverRendered(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(raw), fixtureSecret); n < 6 {
		t.Fatalf("the fixture must hold the secret in many places (found %d)", n)
	}
	g := buildFixture(t, fixtureDir)
	for _, format := range Formats {
		var b bytes.Buffer
		if err := g.Render(&b, format); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), fixtureSecret) || strings.Contains(b.String(), "S3CRET") {
			t.Errorf("%s output contains the secret", format)
		}
		if format == FormatHTML && !strings.Contains(b.String(), Sensitive) {
			t.Errorf("html output shows no %s marker", Sensitive)
		}
	}
	j, _ := json.Marshal(g)
	if strings.Contains(string(j), fixtureSecret) {
		t.Error("the graph's JSON contains the secret")
	}
}

func TestHTMLSelfContained(t *testing.T) {
	g := buildFixture(t, fixtureDir)
	var b bytes.Buffer
	if err := g.HTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	// Nothing to fetch: no URL but the SVG namespace, no external script,
	// stylesheet, image or font.
	urls := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'<)]*`).FindAllString(page, -1)
	for _, u := range urls {
		if u != "http://www.w3.org/2000/svg" {
			t.Errorf("the page names a URL: %s", u)
		}
	}
	for _, bad := range []string{"<script src", "<link rel=\"stylesheet\"", "@import", "url(http", "{{", "/*{{"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	// The data parses back and holds every node.
	m := regexp.MustCompile(`(?s)<script type="application/json" id="graph-data">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no embedded graph data")
	}
	var data struct {
		Nodes []Node   `json:"nodes"`
		Edges [][2]int `json:"edges"`
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Nodes) != len(g.Nodes) || len(data.Edges) != len(g.Edges) {
		t.Errorf("embedded data has %d nodes and %d edges, want %d and %d", len(data.Nodes), len(data.Edges), len(g.Nodes), len(g.Edges))
	}
	// A title cannot break out of the markup.
	g.Title = `</title><script>alert(1)</script>`
	b.Reset()
	if err := g.HTML(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>alert(1)") {
		t.Error("the title is not escaped")
	}
}
