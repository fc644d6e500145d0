package graph

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// production is the graph of the saved production plan, built once for
// every test of the package (about 0.7 s).
var production struct {
	once sync.Once
	g    *Graph
	err  error
}

// productionModel builds the model of the saved production plan (skipped
// without one, failed under LOOKCARD_REQUIRE_TOOLS=1).
func productionModel(t testing.TB) *Model {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, ".lookcard", "plans", "production.offline.json")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			t.Fatal("no production plan: run `lookcard plan --env production --offline` first")
		}
		t.Skip("no production plan: run `lookcard plan --env production --offline` first")
	}
	production.once.Do(func() {
		raw, err := os.ReadFile(path)
		if err != nil {
			production.err = err
			return
		}
		production.g, production.err = Build(raw, Options{Title: "production", ConfigDir: root})
	})
	if production.err != nil {
		t.Fatal(production.err)
	}
	return production.g.Model()
}

func ids(v *View) map[string]*VNode {
	out := map[string]*VNode{}
	for _, n := range v.Nodes {
		out[n.Label] = n
	}
	return out
}

// TestArchitectureView: the request paths, the six clusters with their
// services and the stores are derived from the plan, and the Mermaid fits
// GitHub.
func TestArchitectureView(t *testing.T) {
	m := productionModel(t)
	v := m.Architecture()
	byLabel := ids(v)
	chain := []string{"Cloudflare", "API Gateway", "NLB (internal)", "ALB", "card-api"}
	for i := 0; i+1 < len(chain); i++ {
		a, b := byLabel[chain[i]], byLabel[chain[i+1]]
		if a == nil || b == nil {
			t.Fatalf("the architecture lacks %s or %s", chain[i], chain[i+1])
		}
		if !hasEdge(v, a.ID, b.ID) {
			t.Errorf("no request path %s -> %s", chain[i], chain[i+1])
		}
	}
	if !hasEdge(v, byLabel["Cloudflare"].ID, byLabel["CloudFront"].ID) || !hasEdge(v, byLabel["CloudFront"].ID, byLabel["App Runner web-app"].ID) {
		t.Error("no request path Cloudflare -> CloudFront -> App Runner")
	}
	if len(v.Groups) != 6 {
		t.Errorf("%d cluster groups, want the six ECS clusters", len(v.Groups))
	}
	for _, want := range []string{"RDS Proxy", "Aurora PostgreSQL", "Redis", "table idempotency-keys", "key data", "settlement-job DLQ"} {
		if byLabel[want] == nil {
			t.Errorf("the architecture lacks %s", want)
		}
	}
	var mmd bytes.Buffer
	if err := v.Mermaid(&mmd); err != nil {
		t.Fatal(err)
	}
	if err := CheckGitHub(v.ID, mmd.String(), len(v.Edges), ""); err != nil {
		t.Error(err)
	}
	if n := strings.Count(mmd.String(), "-->") + strings.Count(mmd.String(), "==>") + strings.Count(mmd.String(), "-.->"); n != len(v.Edges) || n > MermaidMaxEdges {
		t.Errorf("the Mermaid has %d edges, the view %d (limit %d)", n, len(v.Edges), MermaidMaxEdges)
	}
	t.Logf("architecture Mermaid: %d characters, %d edges", mmd.Len(), len(v.Edges))
}

// TestServiceView: card-api's view holds its stores and keys, the services
// it calls or that call it, its alarms; no unrelated service.
func TestServiceView(t *testing.T) {
	m := productionModel(t)
	v, err := m.ServiceView("card-api")
	if err != nil {
		t.Fatal(err)
	}
	byLabel := ids(v)
	for _, want := range []string{"card-api", "RDS Proxy", "Redis", "table idempotency-keys", "secret reap-api-key", "ALB", "reap-proxy", "account-api", "alarm cpu"} {
		if byLabel[want] == nil {
			t.Errorf("card-api's view lacks %s", want)
		}
	}
	for _, unrelated := range []string{"supabase-studio", "crypto-listener", "table chain-cursors", "secret custody-api-key"} {
		if byLabel[unrelated] != nil {
			t.Errorf("card-api's view shows the unrelated %s", unrelated)
		}
	}
	if _, err := m.ServiceView("no-such-service"); err == nil || !strings.Contains(err.Error(), "card-api") {
		t.Errorf("an unknown service must be refused with the list of services, got %v", err)
	}
	if _, err := m.TierView("nope"); err == nil {
		t.Error("an unknown tier must be refused")
	}
}

// TestDiffView: the diff view holds only what the plan changes, marked by
// action, in every format.
func TestDiffView(t *testing.T) {
	productionModel(t)
	// A copy of the production graph where everything is no-op but three
	// changes: card-api replaced, Redis updated, a table deleted.
	g := *production.g
	g.Nodes = make([]*Node, len(production.g.Nodes))
	for i, n := range production.g.Nodes {
		c := *n
		c.Action = ActionNoOp
		switch n.Address {
		case `module.ecs_service["card-api"].aws_ecs_task_definition.this`:
			c.Action = action([]string{"delete", "create"})
		case "module.redis.aws_elasticache_replication_group.this":
			c.Action = action([]string{"update"})
		case `module.dynamodb.aws_dynamodb_table.this["config-api/feature-settings"]`:
			c.Action = action([]string{"delete"})
		}
		g.Nodes[i] = &c
	}
	v := g.Model().DiffView()
	got := map[string]string{}
	for _, n := range v.Nodes {
		got[n.Label] = n.Action
	}
	want := map[string]string{"card-api": ActionReplace, "Redis": ActionUpdate, "table feature-settings": ActionDelete}
	if len(got) != len(want) {
		t.Errorf("diff view shows %v, want %v", got, want)
	}
	for l, a := range want {
		if got[l] != a {
			t.Errorf("diff view: %s is %q, want %q", l, got[l], a)
		}
	}
	var svg, mmd bytes.Buffer
	if err := v.SVG(&svg); err != nil {
		t.Fatal(err)
	}
	if err := v.Mermaid(&mmd); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"± card-api", "~ Redis", "− table feature-settings"} {
		if !strings.Contains(svg.String(), s) || !strings.Contains(mmd.String(), s) {
			t.Errorf("the diff's SVG or Mermaid lacks %q", s)
		}
	}
}

// TestCheckGitHub: a view over Mermaid's limits is refused with the focused
// alternative named.
func TestCheckGitHub(t *testing.T) {
	var e *TooLargeError
	err := CheckGitHub("tier:security", strings.Repeat("x", MermaidMaxText+1), 10, "--service card-api")
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "--service card-api") || !strings.Contains(err.Error(), "50000") {
		t.Errorf("got %v", err)
	}
	if err := CheckGitHub("x", "flowchart LR\n", MermaidMaxEdges+1, "y"); err == nil {
		t.Error("more than 500 edges must be refused")
	}
	if err := CheckGitHub("x", "flowchart LR\n", MermaidMaxEdges, "y"); err != nil {
		t.Error(err)
	}
}

func hasEdge(v *View, from, to string) bool {
	for _, e := range v.Edges {
		if e.From == from && e.To == to {
			return true
		}
	}
	return false
}

// TestViewsOfFixture: every view of the small fixture plan (no catalog)
// renders in every format, the same bytes twice, and never shows the
// fixture's secret.
func TestViewsOfFixture(t *testing.T) {
	render := func() map[string]string {
		m := buildFixture(t, fixtureDir).Model()
		out := map[string]string{}
		var page bytes.Buffer
		if err := m.ArchitectureHTML(&page); err != nil {
			t.Fatal(err)
		}
		out["html"] = page.String()
		for _, v := range m.AllViews() {
			var svg, mmd, dot bytes.Buffer
			if err := v.SVG(&svg); err != nil {
				t.Fatal(err)
			}
			if err := v.Mermaid(&mmd); err != nil {
				t.Fatal(err)
			}
			if err := v.DOT(&dot); err != nil {
				t.Fatal(err)
			}
			out[v.ID+".svg"], out[v.ID+".mmd"], out[v.ID+".dot"] = svg.String(), mmd.String(), dot.String()
		}
		return out
	}
	first, second := render(), render()
	if _, ok := first["service:api.svg"]; !ok {
		t.Errorf("no view of the fixture's service api: %v", slices.Sorted(maps.Keys(first)))
	}
	for name, s := range first {
		if s != second[name] {
			t.Errorf("two renderings of %s differ", name)
		}
		if strings.Contains(s, fixtureSecret) {
			t.Errorf("%s shows the fixture's secret", name)
		}
	}
	v, err := buildFixture(t, fixtureDir).Model().ServiceView("api")
	if err != nil {
		t.Fatal(err)
	}
	if byLabel := ids(v); byLabel["web"] != nil {
		t.Errorf("api's view shows web, which it does not call: %v", slices.Sorted(maps.Keys(byLabel)))
	}
}

// TestArchitectureDocsAreCurrent: docs/architecture.svg and
// docs/architecture-diagram.md are what `lookcard docs` draws from the saved
// production plan (make test plans first, so a change to the architecture
// without `make docs` fails here).
func TestArchitectureDocsAreCurrent(t *testing.T) {
	productionModel(t) // skips without a plan
	root, _ := filepath.Abs("../..")
	drawn, err := docsOf(production.g) // the offline plan: DocsFiles' choice unless an online one is saved
	if _, online := os.Stat(filepath.Join(root, DocsPlans[0])); online == nil {
		drawn, err = DocsFiles(root)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range slices.Sorted(maps.Keys(drawn)) {
		cur, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil || !bytes.Equal(cur, drawn[rel]) {
			t.Errorf("%s is stale: run `make docs` (lookcard docs)", rel)
		}
	}
}
