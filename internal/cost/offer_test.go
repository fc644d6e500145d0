package cost

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readOffer(t *testing.T) *Offer {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "offers", "AmazonRDS-ap-southeast-1.trimmed.json"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := ParseOffer(b)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestUpdateFromOffer(t *testing.T) {
	book, err := os.ReadFile(filepath.Join(repoRoot, "pricing", "ap-southeast-1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out, changes, err := UpdateFromOffer(book, readOffer(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 3 {
		t.Fatalf("changes = %+v, want the three Aurora entries", changes)
	}
	pb, err := ParsePriceBook(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		usd float64
		sku string
	}{
		// Aurora MySQL shares the usage type: the databaseEngine attribute picks PostgreSQL.
		"aurora_serverless_v2_acu_hour": {0.20, "TESTSKUAPGSV2"},
		"aurora_storage_gb_month":       {0.11, "TESTSKUSTORAGE"},
		// per I/O in the offer, per million in the book (scale).
		"aurora_io_million": {0.22, "TESTSKUIO"},
	}
	for k, w := range want {
		p := pb.Prices[k]
		if math.Abs(p.USD-w.usd) > 1e-9 || p.SKU != w.sku || p.Checked != "2026-11-20" || p.Confidence != Sourced || p.Basis != "" {
			t.Errorf("%s = usd %v sku %s checked %s confidence %s basis %q; want %v %s 2026-11-20 sourced, no basis", k, p.USD, p.SKU, p.Checked, p.Confidence, p.Basis, w.usd, w.sku)
		}
		if !strings.HasPrefix(p.Source, "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonRDS/20261120001122/ap-southeast-1/") {
			t.Errorf("%s: source %s", k, p.Source)
		}
	}
	// Untouched entries and the book's comments survive.
	if a, b := pb.Prices["fargate_x86_vcpu_hour"], repoBook(t).Prices["fargate_x86_vcpu_hour"]; a.USD != b.USD || a.Checked != b.Checked || a.Source != b.Source {
		t.Error("an entry of another offer changed")
	}
	if !strings.Contains(string(out), "# Regional uplift 1.25") {
		t.Error("comments were lost")
	}
}

func TestUpdateFromOfferRefuses(t *testing.T) {
	book, _ := os.ReadFile(filepath.Join(repoRoot, "pricing", "ap-southeast-1.yaml"))
	if _, err := ParseOffer([]byte(`{"products":{}}`)); err == nil || !strings.Contains(err.Error(), "not an AWS Price List offer file") {
		t.Errorf("non-offer JSON: %v", err)
	}
	o := readOffer(t)
	delete(o.Products, "TESTSKUIO")
	if _, _, err := UpdateFromOffer(book, o); err == nil || !strings.Contains(err.Error(), "aurora_io_million: no product with usagetype APS1-Aurora:StorageIOUsage") {
		t.Errorf("missing product: %v", err)
	}
	o = readOffer(t)
	p := o.Products["TESTSKUAMYSV2"]
	p.Attributes["databaseEngine"] = "Aurora PostgreSQL"
	if _, _, err := UpdateFromOffer(book, o); err == nil || !strings.Contains(err.Error(), "2 products match usagetype APS1-Aurora:ServerlessV2Usage") {
		t.Errorf("ambiguous product: %v", err)
	}
	o = readOffer(t)
	o.OfferCode = "AmazonKinesis"
	if _, _, err := UpdateFromOffer(book, o); err == nil || !strings.Contains(err.Error(), "no price-book entry names offer AmazonKinesis") {
		t.Errorf("other offer: %v", err)
	}
}
