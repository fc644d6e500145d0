package cost

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkPriceProduction measures pricing the production plan JSON: parse,
// map every resource, aggregate (target: well under a second).
func BenchmarkPriceProduction(b *testing.B) {
	path := filepath.Join(repoRoot, ".lookcard", "plans", "production.offline.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no production plan (%v): run lookcard plan --env production --offline", err)
	}
	book, u := repoBook(b), usageOf(b, "production")
	b.ReportAllocs()
	b.ResetTimer()
	var bd *Breakdown
	for i := 0; i < b.N; i++ {
		pl, err := ParsePlan(raw)
		if err != nil {
			b.Fatal(err)
		}
		if bd, err = Estimate(Input{Plan: pl, Book: book, Usage: u, Environment: "production"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/price")
	b.ReportMetric(float64(len(raw))/1e6, "MB/plan")
	b.ReportMetric(float64(len(bd.Resources)), "priced-resources")
}

// BenchmarkPriceSyntheticCatalog prices plans with 22 and 200 ECS services,
// made by cloning card-api's module instance with new keys, to show how
// pricing grows with the catalog (it should be about linear).
func BenchmarkPriceSyntheticCatalog(b *testing.B) {
	base, err := ReadPlan(filepath.Join(repoRoot, ".lookcard", "plans", "production.offline.json"))
	if err != nil || base.Variable("catalog_file") != "" {
		base, err = ReadPlan(filepath.Join("testdata", "production.fixture.json"))
		if err != nil {
			b.Fatal(err)
		}
	}
	book, u := repoBook(b), usageOf(b, "production")
	for _, services := range []int{22, 200} {
		raw := planJSON(b, syntheticCatalog(base, services))
		b.Run(fmt.Sprintf("services=%d", services), func(b *testing.B) {
			b.ReportAllocs()
			var bd *Breakdown
			for i := 0; i < b.N; i++ {
				pl, err := ParsePlan(raw)
				if err != nil {
					b.Fatal(err)
				}
				if bd, err = Estimate(Input{Plan: pl, Book: book, Usage: u, Environment: "production"}); err != nil {
					b.Fatal(err)
				}
			}
			ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
			b.ReportMetric(ms, "ms/price")
			b.ReportMetric(ms*1000/float64(services), "µs/service")
			b.ReportMetric(float64(len(bd.Resources)), "priced-resources")
		})
	}
}

// syntheticCatalog replaces a plan's ECS service module instances with n
// clones of card-api's (svc000 … svcNNN), other resources unchanged.
func syntheticCatalog(base *Plan, n int) *Plan {
	const proto = `module.ecs_service["card-api"]`
	out := &Plan{Outputs: base.Outputs, Variables: base.Variables}
	var tmpl []*Resource
	for _, r := range base.Resources {
		switch {
		case r.ModuleAddress == proto:
			tmpl = append(tmpl, r)
		case strings.HasPrefix(r.ModuleAddress, "module.ecs_service["):
		default:
			out.Resources = append(out.Resources, r)
		}
	}
	for i := 0; i < n; i++ {
		key := fmt.Sprintf("svc%03d", i)
		mod := `module.ecs_service["` + key + `"]`
		for _, r := range tmpl {
			c := *r
			c.ModuleAddress = mod
			c.Address = mod + strings.TrimPrefix(r.Address, proto)
			c.Values = map[string]any{}
			for k, v := range r.Values {
				c.Values[k] = v
			}
			if tags, ok := r.Values["tags_all"].(map[string]any); ok {
				t := map[string]any{}
				for k, v := range tags {
					t[k] = v
				}
				t["Service"] = key
				c.Values["tags_all"] = t
			}
			out.Resources = append(out.Resources, &c)
		}
	}
	return out
}

// TestSyntheticCatalog checks the benchmark's plans: n services, all priced.
func TestSyntheticCatalog(t *testing.T) {
	pl, err := ParsePlan(planJSON(t, syntheticCatalog(fixturePlan(t, "production"), 30)))
	if err != nil {
		t.Fatal(err)
	}
	bd := estimateFor(t, pl, "production", "synthetic")
	services := 0
	for _, r := range bd.Resources {
		if r.Type == "aws_ecs_service" {
			services++
		}
	}
	if services != 30 || len(bd.NotPriced) != 0 {
		t.Errorf("synthetic plan priced %d ECS services (want 30), not priced %+v", services, bd.NotPriced)
	}
}
