package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/lookcard/infrastructure/internal/catalog"
	"github.com/lookcard/infrastructure/internal/engine"
)

// syntheticServices is the size of the synthetic catalog the issue asks about.
const syntheticServices = 200

// BenchmarkBuildGraph measures what `lookcard graph` does with a saved plan:
// parse the plan JSON, resolve the references and render the HTML page, for
// the production plan and for the plan of a 200-service synthetic catalog.
//
//	go test -run '^$' -bench BuildGraph -benchtime 5x ./internal/graph
func BenchmarkBuildGraph(b *testing.B) {
	root, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("production", func(b *testing.B) {
		raw, err := os.ReadFile(filepath.Join(root, ".lookcard", "plans", "production.offline.json"))
		if err != nil {
			b.Skip("no production plan: run `lookcard plan --env production --offline` first")
		}
		benchBuild(b, raw, Options{Title: "production", ConfigDir: root})
	})
	b.Run("services=200", func(b *testing.B) {
		raw := syntheticPlan(b, root)
		benchBuild(b, raw, Options{Title: "develop (200 synthetic services)", ConfigDir: root, Catalog: catalog.Synthetic(syntheticServices)})
	})
}

func benchBuild(b *testing.B, raw []byte, opts Options) {
	b.ReportAllocs()
	var page bytes.Buffer
	var g *Graph
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if g, err = Build(raw, opts); err != nil {
			b.Fatal(err)
		}
		page.Reset()
		if err := g.HTML(&page); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/graph")
	b.ReportMetric(float64(len(g.Nodes)), "resources")
	b.ReportMetric(float64(len(g.Edges)), "references")
	b.ReportMetric(float64(len(raw))/1e6, "MB-plan")
	b.ReportMetric(float64(page.Len())/1e6, "MB-html")
}

// syntheticPlan returns the offline develop plan of catalog.Synthetic(200),
// cached under .lookcard/bench/: making it takes minutes. `lookcard plan`
// saves its plan as develop's; develop's saved plan files are put back.
func syntheticPlan(b *testing.B, root string) []byte {
	b.Helper()
	cache := filepath.Join(root, ".lookcard", "bench", "develop-synthetic-200.json")
	if raw, err := os.ReadFile(cache); err == nil {
		return raw
	}
	lookcard := filepath.Join(root, "bin", "lookcard")
	for _, p := range []string{lookcard, filepath.Join(root, "bin", "tofu"), filepath.Join(root, "bin", "providers", "terraform-provider-aws")} {
		if _, err := os.Stat(p); err != nil {
			b.Skip(p + " is missing: run `make tools` (needed once to make the 200-service plan)")
		}
	}
	if _, err := engine.SchemaDir(""); err != nil {
		b.Skip(err.Error())
	}
	catalogFile := filepath.Join(b.TempDir(), "services.yaml")
	if err := catalog.Synthetic(syntheticServices).Write(catalogFile); err != nil {
		b.Fatal(err)
	}
	restore := keepFiles(b, filepath.Join(root, ".lookcard", "plans"), "develop.offline.json", "develop.offline.tfplan", "develop.offline.meta.json")
	defer restore()
	cmd := exec.Command(lookcard, "plan", "--env", "develop", "--offline", "--json", "-C", root)
	cmd.Env = append(os.Environ(), "TF_VAR_catalog_file="+catalogFile)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("planning %d synthetic services: %v\n%s", syntheticServices, err, stderr.String())
	}
	var res struct {
		PlanJSON string `json:"plan_json"`
	}
	if err := json.Unmarshal(out, &res); err != nil || res.PlanJSON == "" {
		b.Fatalf("reading the output of lookcard plan --json: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(res.PlanJSON)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(cache), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(cache, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	return raw
}

// keepFiles saves files and returns a func that puts them back as they were
// (removing those that did not exist).
func keepFiles(b *testing.B, dir string, names ...string) func() {
	b.Helper()
	saved := map[string][]byte{}
	for _, n := range names {
		p := filepath.Join(dir, n)
		raw, err := os.ReadFile(p)
		switch {
		case err == nil:
			saved[p] = raw
		case errors.Is(err, fs.ErrNotExist):
			saved[p] = nil
		default:
			b.Fatal(err)
		}
	}
	return func() {
		for p, raw := range saved {
			var err error
			if raw == nil {
				err = os.Remove(p)
				if errors.Is(err, fs.ErrNotExist) {
					err = nil
				}
			} else {
				err = os.WriteFile(p, raw, 0o644)
			}
			if err != nil {
				b.Errorf("restoring %s: %v", p, err)
			}
		}
	}
}
