package cost

import (
	"math"
	"sync"
	"testing"
)

const repoRoot = "../.."

var (
	bookOnce sync.Once
	theBook  *PriceBook
	bookErr  error
)

// repoBook is the repository's price book: tests read every expected figure
// from it, so a price change moves the tests' arithmetic with it.
func repoBook(t testing.TB) *PriceBook {
	t.Helper()
	bookOnce.Do(func() { theBook, bookErr = LoadPriceBook(repoRoot + "/pricing/ap-southeast-1.yaml") })
	if bookErr != nil {
		t.Fatal(bookErr)
	}
	return theBook
}

// p is a price-book figure.
func p(t testing.TB, key string) float64 {
	t.Helper()
	pr, ok := repoBook(t).Prices[key]
	if !ok {
		t.Fatalf("no price %s in the price book", key)
	}
	return pr.USD
}

func mustUsage(t testing.TB, y string) *Usage {
	t.Helper()
	u, err := ParseUsage([]byte(y))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// res builds a planned resource; index is a string key, a number, or nil.
func res(module, typ, name string, index any, values map[string]any) *Resource {
	addr := typ + "." + name
	switch k := index.(type) {
	case string:
		addr += `["` + k + `"]`
	case int:
		index = float64(k)
		addr += "[" + n(float64(k)) + "]"
	}
	if module != "" {
		addr = module + "." + addr
	}
	return &Resource{Address: addr, ModuleAddress: module, Type: typ, Name: name, Index: index, Values: values, Actions: []string{"create"}}
}

// priceAll estimates a hand-made plan.
func priceAll(t testing.TB, u *Usage, outputs map[string]any, rs ...*Resource) *Breakdown {
	t.Helper()
	if outputs == nil {
		outputs = map[string]any{}
	}
	pl := &Plan{Resources: rs, Outputs: outputs, Variables: map[string]any{"environment": "develop", "aws_region": "ap-southeast-1"}}
	bd, err := Estimate(Input{Plan: pl, Book: repoBook(t), Usage: u, PlanPath: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return bd
}

func find(bd *Breakdown, addr string) (ResourceCost, bool) {
	for _, r := range bd.Resources {
		if r.Address == addr {
			return r, true
		}
	}
	return ResourceCost{}, false
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// l and m shorten plan values.
func l(v ...any) []any { return v }

type m = map[string]any
