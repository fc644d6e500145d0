package cost

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestMoney(t *testing.T) {
	for v, want := range map[float64]string{
		0: "$0.00", 1: "$1.00", 0.005: "$0.01", 12.345: "$12.35", 999.999: "$1,000.00",
		1234567.891: "$1,234,567.89", -3.1: "-$3.10", -1500: "-$1,500.00",
	} {
		if got := Money(v); got != want {
			t.Errorf("Money(%v) = %s, want %s", v, got, want)
		}
	}
	if signed(2) != "+$2.00" || signed(-2) != "-$2.00" || signed(0) != "$0.00" {
		t.Error("signed")
	}
}

func fixtureBreakdown(t *testing.T) *Breakdown {
	return estimateFor(t, fixturePlan(t, "production"), "production", "testdata/production.fixture.json")
}

func TestTableReport(t *testing.T) {
	bd := fixtureBreakdown(t)
	var out bytes.Buffer
	if err := WriteTable(&out, bd); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"Monthly estimate of production — ap-southeast-1, USD",
		"TOTAL", "hourly (provisioned, fixed by the plan)", "usage-based (from the usage file)",
		"BY CATEGORY (cost drivers)", "BY MODULE", "BY CLUSTER", "BY SERVICE", "core-application", "card-api",
		"module.aurora.aws_db_proxy.this", "8 ACU minimum × 730 h",
		"FREE (", "aws_iam_role", "NOT PRICED: none",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
	var sum float64
	for _, r := range bd.Resources {
		sum += r.Monthly
		part := 0.0
		for _, c := range r.Components {
			part += c.Monthly
			if !near(c.Monthly, c.Quantity*c.UnitPrice) {
				t.Errorf("%s %s: %v ≠ %v × %v", r.Address, c.Name, c.Monthly, c.Quantity, c.UnitPrice)
			}
		}
		if !near(part, r.Monthly) || !near(r.Hourly+r.Usage, r.Monthly) {
			t.Errorf("%s: components add up to %v, total %v (hourly %v + usage %v)", r.Address, part, r.Monthly, r.Hourly, r.Usage)
		}
	}
	if !near(sum, bd.Monthly) || !near(bd.Hourly+bd.Usage, bd.Monthly) {
		t.Errorf("resources add up to %v, total %v", sum, bd.Monthly)
	}
	for _, gs := range [][]Group{bd.Categories, bd.Modules, bd.Clusters, bd.Services} {
		g := 0.0
		for _, x := range gs {
			g += x.Monthly
		}
		if !near(g, bd.Monthly) {
			t.Errorf("a grouping adds up to %v, not %v", g, bd.Monthly)
		}
	}
}

func TestJSONReport(t *testing.T) {
	bd := fixtureBreakdown(t)
	var out bytes.Buffer
	if err := WriteJSON(&out, bd); err != nil {
		t.Fatal(err)
	}
	var back Breakdown
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !near(back.Monthly, bd.Monthly) || len(back.Resources) != len(bd.Resources) || back.Environment != "production" {
		t.Errorf("JSON round trip lost data: %v/%d vs %v/%d", back.Monthly, len(back.Resources), bd.Monthly, len(bd.Resources))
	}
	for _, key := range []string{`"monthly"`, `"hourly"`, `"usage"`, `"by_module"`, `"by_cluster"`, `"by_service"`, `"not_priced"`, `"formula"`} {
		if !strings.Contains(out.String(), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

func TestHTMLReportIsSelfContained(t *testing.T) {
	bd := fixtureBreakdown(t)
	bd.NotPriced = []NotPriced{{Type: "aws_x", Reason: "no pricer <b>", Addresses: []string{`aws_x.y["<z>"]`}}}
	var out bytes.Buffer
	if err := WriteHTML(&out, []*Breakdown{bd}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if external := regexp.MustCompile(`(?i)<(script|link|img|iframe)[^>]*(src|href)=|url\(`).FindString(s); external != "" {
		t.Errorf("the report loads something from outside: %s", external)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<style>", "NOT PRICED", "aws_x.y[&#34;&lt;z&gt;&#34;]", "no pricer &lt;b&gt;", Money(bd.Monthly), "By cluster", "card-api"} {
		if !strings.Contains(s, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
}

func TestSummary(t *testing.T) {
	a := estimateFor(t, fixturePlan(t, "develop"), "develop", "d")
	b := fixtureBreakdown(t)
	var out bytes.Buffer
	if err := WriteSummary(&out, []*Breakdown{a, b}); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "develop") || !strings.Contains(s, "production") || !strings.Contains(s, Money(a.Monthly+b.Monthly)) {
		t.Errorf("summary:\n%s", s)
	}
}

func TestParsePlanRejectsOtherJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"values": {}}`, "no format_version"},
		{`{"format_version": "2.0"}`, "unsupported plan format_version 2.0"},
		{`not json`, "not plan JSON"},
	} {
		if _, err := ParsePlan([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParsePlan(%s) = %v, want %q", c.in, err, c.want)
		}
	}
	pl, err := ParsePlan([]byte(`{"format_version":"1.2","resource_changes":[
		{"address":"aws_vpc.gone","mode":"managed","type":"aws_vpc","name":"gone","change":{"actions":["delete"],"after":null}},
		{"address":"data.aws_region.r","mode":"data","type":"aws_region","name":"r","change":{"actions":["read"],"after":{}}},
		{"address":"module.a[\"k\"].module.b.aws_eip.e[0]","module_address":"module.a[\"k\"].module.b","mode":"managed","type":"aws_eip","name":"e","index":0,"change":{"actions":["create"],"after":{}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Resources) != 1 || pl.Resources[0].ModuleCall() != "module.a.module.b" || pl.Resources[0].moduleKey() != "k" || pl.Resources[0].indexKey() != "0" {
		t.Errorf("resources = %+v", pl.Resources)
	}
}
