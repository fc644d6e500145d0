package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/cost"
)

func TestBudgetCheckFailsOnlyOverBudget(t *testing.T) {
	co := &costOptions{maxAge: 180}
	var w bytes.Buffer
	under := &cost.Breakdown{Environment: "develop", Monthly: 300, MonthlyHigh: 320, Budget: 350}
	if err := budgetCheck(&w, co, []*cost.Breakdown{under}); err != nil {
		t.Errorf("under budget: %v", err)
	}
	// The high end of an unknown's range counts.
	over := &cost.Breakdown{Environment: "develop", Monthly: 340, MonthlyHigh: 360, Budget: 350}
	if err := budgetCheck(&w, co, []*cost.Breakdown{under, over}); err == nil || !strings.Contains(err.Error(), "over budget: develop $360.00 > budget $350.00") {
		t.Errorf("over budget: %v", err)
	}
}

func TestPricesUpdateWritesTheBook(t *testing.T) {
	dir := t.TempDir()
	book, err := os.ReadFile(filepath.Join("..", "..", "pricing", "ap-southeast-1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "pricing"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pricing", "ap-southeast-1.yaml"), book, 0o644); err != nil {
		t.Fatal(err)
	}
	offer, _ := filepath.Abs(filepath.Join("..", "cost", "testdata", "offers", "AmazonRDS-ap-southeast-1.trimmed.json"))
	o := &options{dir: dir}
	cmd := newPricesCmd(o)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"update", "--from", offer})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	pb, err := cost.LoadPriceBook(filepath.Join(dir, "pricing", "ap-southeast-1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if p := pb.Prices["aurora_serverless_v2_acu_hour"]; p.USD != 0.2 || p.SKU != "TESTSKUAPGSV2" || p.Confidence != cost.Sourced {
		t.Errorf("book not updated: %+v\n%s", p, out.String())
	}
	// A file that is not an offer changes nothing.
	bad := filepath.Join(dir, "bad.json")
	_ = os.WriteFile(bad, []byte(`{"hello":1}`), 0o644)
	before, _ := os.ReadFile(filepath.Join(dir, "pricing", "ap-southeast-1.yaml"))
	cmd = newPricesCmd(o)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"update", "--from", bad})
	if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), "not an AWS Price List offer file") {
		t.Errorf("bad offer: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "pricing", "ap-southeast-1.yaml"))
	if !bytes.Equal(before, after) {
		t.Error("a refused update changed the book")
	}
}
