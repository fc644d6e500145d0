package cost

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden from the current plans")

var environments = []string{"develop", "testing", "staging", "production", "sandbox"}

// realPlan reads the environment's saved offline plan (.lookcard/plans),
// which `make test` writes before the Go tests run. Without it the test
// skips — unless LOOKCARD_REQUIRE_TOOLS=1, where it fails. A plan made from a
// synthetic catalog is not the environment's and is not used.
func realPlan(t testing.TB, env string) (*Plan, string) {
	t.Helper()
	path := filepath.Join(repoRoot, ".lookcard", "plans", env+".offline.json")
	b, err := os.ReadFile(path)
	if err == nil {
		var pl *Plan
		if pl, err = ParsePlan(b); err == nil {
			if f := pl.Variable("catalog_file"); f != "" {
				err = errors.New("it was made from the synthetic catalog " + f)
			} else {
				return pl, path
			}
		}
	}
	msg := env + ": no usable offline plan at " + path + " (" + err.Error() + "): run `cd " + absRepo(t) +
		" && LOOKCARD_PROVIDER_SCHEMAS=<schema dir> bin/lookcard plan --env " + env + " --offline`"
	if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return nil, ""
}

func absRepo(t testing.TB) string {
	a, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func fixturePlan(t testing.TB, name string) *Plan {
	t.Helper()
	pl, err := ReadPlan(filepath.Join("testdata", name+".fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

func usageOf(t testing.TB, env string) *Usage {
	t.Helper()
	u, err := LoadUsage(UsagePath(repoRoot, env))
	if err != nil {
		t.Fatal(err)
	}
	u.path = "pricing/usage." + env + ".yaml"
	return u
}

func estimateFor(t testing.TB, pl *Plan, env, shown string) *Breakdown {
	t.Helper()
	b := *repoBook(t)
	b.path = "pricing/ap-southeast-1.yaml"
	bd, err := Estimate(Input{Plan: pl, Book: &b, Usage: usageOf(t, env), PlanPath: shown, Environment: env})
	if err != nil {
		t.Fatal(err)
	}
	return bd
}

// TestEveryResourceTypeIsPricedOrFree fails when a resource type in the
// fixture plans (always) or the five environments' plans (when present) is
// neither priced by a pricer nor reviewed as free in the price book.
func TestEveryResourceTypeIsPricedOrFree(t *testing.T) {
	check := func(t *testing.T, pl *Plan, where string) {
		if missing := UncoveredTypes(pl, repoBook(t)); len(missing) > 0 {
			t.Errorf("%s has resource types that are neither priced nor listed as free: %s\n"+
				"price them in internal/cost (pricers.go, with a hand-calculated test) or add them, with the reason, under free: in pricing/ap-southeast-1.yaml",
				where, strings.Join(missing, ", "))
		}
	}
	for _, f := range []string{"develop", "production"} {
		t.Run("fixture "+f, func(t *testing.T) { check(t, fixturePlan(t, f), "testdata/"+f+".fixture.json") })
	}
	for _, env := range environments {
		t.Run(env, func(t *testing.T) {
			pl, path := realPlan(t, env)
			check(t, pl, path)
			if bd := estimateFor(t, pl, env, path); len(bd.NotPriced) > 0 {
				t.Errorf("%s: NOT PRICED resources: %+v", env, bd.NotPriced)
			}
		})
	}
}

// TestGoldenBreakdowns compares each environment's breakdown with its golden
// file. They go stale whenever infrastructure, prices or usage change: look
// at the diff, and accept it with `go test ./internal/cost -update`.
func TestGoldenBreakdowns(t *testing.T) {
	for _, env := range environments {
		t.Run(env, func(t *testing.T) {
			pl, _ := realPlan(t, env)
			bd := estimateFor(t, pl, env, ".lookcard/plans/"+env+".offline.json")
			var out bytes.Buffer
			if err := WriteTable(&out, bd); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "golden", env+".txt"), out.Bytes(),
				"the "+env+" cost breakdown changed (infrastructure, prices or usage moved)")
		})
	}
}

// TestDiffOfFixturePlans diffs the develop fixture against the production one.
func TestDiffOfFixturePlans(t *testing.T) {
	base := estimateFor(t, fixturePlan(t, "develop"), "develop", "testdata/develop.fixture.json")
	head := estimateFor(t, fixturePlan(t, "production"), "production", "testdata/production.fixture.json")
	d := Compare(base, head)
	checkDiff(t, d, base, head, "added", "changed")
	checkDiff(t, Compare(head, base), head, base, "removed", "changed")
	var out bytes.Buffer
	if err := WriteDiffTable(&out, d); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "golden", "diff.txt"), out.Bytes(), "the fixture diff changed")
	self := Compare(head, head)
	if len(self.Resources) != 0 || self.Delta != 0 {
		t.Errorf("a plan diffed against itself must show no change: %+v", self)
	}
}

// checkDiff: resource deltas add up to the total (less the resources whose
// cost moved by under a cent, which a diff leaves out), and the listed kinds
// of change occur.
func checkDiff(t *testing.T, d *Diff, base, head *Breakdown, kinds ...string) {
	t.Helper()
	sum := 0.0
	seen := map[string]bool{}
	for _, r := range d.Resources {
		sum += r.Delta
		seen[r.Change] = true
		if r.Change == "added" && r.Base != 0 || r.Change == "removed" && r.Head != 0 {
			t.Errorf("%s: %s with base %v head %v", r.Address, r.Change, r.Base, r.Head)
		}
	}
	slack := 0.005 * float64(len(base.Resources)+len(head.Resources))
	if !near(d.Delta, head.Monthly-base.Monthly) || sum-d.Delta > slack || d.Delta-sum > slack {
		t.Errorf("resource deltas add up to %v, total delta %v, totals %v → %v", sum, d.Delta, base.Monthly, head.Monthly)
	}
	for _, k := range kinds {
		if !seen[k] {
			t.Errorf("the fixture diff has no %s resource", k)
		}
	}
}

func golden(t *testing.T, path string, got []byte, what string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run go test ./internal/cost -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %s no longer matches.\nReview the change, then run go test ./internal/cost -update\n%s", what, path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("- " + a + "\n+ " + c + "\n")
			if shown++; shown == 12 {
				b.WriteString("…\n")
				break
			}
		}
	}
	return b.String()
}

// planJSON writes a plan back as plan JSON (for synthetic plans).
func planJSON(t testing.TB, pl *Plan) []byte {
	t.Helper()
	type change struct {
		Actions []string       `json:"actions"`
		After   map[string]any `json:"after"`
	}
	type rc struct {
		Address       string `json:"address"`
		ModuleAddress string `json:"module_address,omitempty"`
		Mode          string `json:"mode"`
		Type          string `json:"type"`
		Name          string `json:"name"`
		Index         any    `json:"index,omitempty"`
		Change        change `json:"change"`
	}
	out := struct {
		FormatVersion   string                    `json:"format_version"`
		ResourceChanges []rc                      `json:"resource_changes"`
		OutputChanges   map[string]map[string]any `json:"output_changes"`
		Variables       map[string]map[string]any `json:"variables"`
	}{FormatVersion: "1.2", OutputChanges: map[string]map[string]any{}, Variables: map[string]map[string]any{}}
	for _, r := range pl.Resources {
		out.ResourceChanges = append(out.ResourceChanges, rc{r.Address, r.ModuleAddress, "managed", r.Type, r.Name, r.Index, change{r.Actions, r.Values}})
	}
	for k, v := range pl.Outputs {
		out.OutputChanges[k] = map[string]any{"after": v}
	}
	for k, v := range pl.Variables {
		out.Variables[k] = map[string]any{"value": v}
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEstimateIsDeterministic estimates production's saved plan several times:
// sums over Go maps must not depend on iteration order, or the JSON report
// (and every golden file) changes from run to run in its last digits.
func TestEstimateIsDeterministic(t *testing.T) {
	pl, path := realPlan(t, "production")
	var first []byte
	for i := 0; i < 20; i++ {
		var out bytes.Buffer
		if err := WriteJSON(&out, estimateFor(t, pl, "production", path)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = out.Bytes()
		} else if !bytes.Equal(first, out.Bytes()) {
			t.Fatalf("estimate %d differs from the first: a sum depends on map iteration order", i)
		}
	}
}
