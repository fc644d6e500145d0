package cost

import (
	"strings"
	"testing"
	"time"
)

func TestInternetFacingALBPaysForItsPublicAddresses(t *testing.T) {
	const h = 730.0
	u := mustUsage(t, testUsage)
	bd := priceAll(t, u, nil, res("", "aws_lb", "public", nil, m{"load_balancer_type": "application", "internal": false, "subnets": l(nil, nil, nil)}))
	rc, _ := find(bd, "aws_lb.public")
	want := h*p(t, "alb_hour") + 2*h*p(t, "alb_lcu_hour") + 3*h*p(t, "public_ipv4_hour")
	if !near(rc.Monthly, want) {
		t.Errorf("internet-facing ALB in 3 subnets = %v, want %v (3 public IPv4 addresses)", rc.Monthly, want)
	}
	bd = priceAll(t, u, nil, res("", "aws_lb", "inside", nil, m{"load_balancer_type": "application", "internal": true, "subnets": l(nil, nil, nil)}))
	if rc, _ := find(bd, "aws_lb.inside"); !near(rc.Monthly, h*p(t, "alb_hour")+2*h*p(t, "alb_lcu_hour")) {
		t.Errorf("internal ALB = %v: no public addresses", rc.Monthly)
	}
}

func TestUnknownWAFRulesAreARangeNotZero(t *testing.T) {
	u := mustUsage(t, testUsage)
	acl := res("", "aws_wafv2_web_acl", "regional", nil, m{})
	acl.Unknown = map[string]any{"rule_json": true}
	pl := &Plan{Resources: []*Resource{acl}, Outputs: map[string]any{}, Variables: map[string]any{
		"environment": "production", "aws_region": "ap-southeast-1",
		"waf": map[string]any{"managed_rule_groups": map[string]any{"a": nil, "b": nil, "c": nil, "d": nil}},
	}}
	bd, err := Estimate(Input{Plan: pl, Book: repoBook(t), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := find(bd, "aws_wafv2_web_acl.regional")
	lo := p(t, "waf_web_acl_month") + 4*p(t, "waf_rule_month") + 50*p(t, "waf_request_million")
	if !near(rc.Monthly, lo) || !near(rc.UnknownExtra, 3*p(t, "waf_rule_month")) || !strings.Contains(rc.Unknown, "4–7 rules") {
		t.Errorf("unknown rule_json: monthly %v (want %v), extra %v, unknown %q", rc.Monthly, lo, rc.UnknownExtra, rc.Unknown)
	}
	if !near(bd.MonthlyHigh-bd.Monthly, 3*p(t, "waf_rule_month")) {
		t.Errorf("MonthlyHigh %v − Monthly %v should be the range", bd.MonthlyHigh, bd.Monthly)
	}
	// The rehearsal's state resolves it.
	st := State{"aws_wafv2_web_acl.regional": {"rule_json": `[{"Name":"a"},{"Name":"b"},{"Name":"c"},{"Name":"d"},{"Name":"e"},{"Name":"f"}]`}}
	bd, err = Estimate(Input{Plan: pl, Book: repoBook(t), Usage: u, State: st})
	if err != nil {
		t.Fatal(err)
	}
	rc, _ = find(bd, "aws_wafv2_web_acl.regional")
	if want := p(t, "waf_web_acl_month") + 6*p(t, "waf_rule_month") + 50*p(t, "waf_request_million"); !near(rc.Monthly, want) || rc.Unknown != "" {
		t.Errorf("resolved from state: %v (want %v), unknown %q", rc.Monthly, want, rc.Unknown)
	}
}

func TestReaderAssumptionBelowATier1WriterIsAContradiction(t *testing.T) {
	u := mustUsage(t, testUsage) // reader 0.25 < writer 2.5
	rs := []*Resource{
		res("module.aurora", "aws_rds_cluster_instance", "this", "writer", m{"instance_class": "db.serverless", "promotion_tier": 0.0}),
		res("module.aurora", "aws_rds_cluster_instance", "this", "reader-1", m{"instance_class": "db.serverless", "promotion_tier": 1.0}),
	}
	bd := priceAll(t, u, nil, rs...)
	if !strings.Contains(strings.Join(bd.Warnings, "\n"), "usage contradicts the plan") {
		t.Errorf("no contradiction reported: %v", bd.Warnings)
	}
	rs[1].Values["promotion_tier"] = 2.0
	bd = priceAll(t, u, nil, rs...)
	if strings.Contains(strings.Join(bd.Warnings, "\n"), "usage contradicts the plan") {
		t.Errorf("a tier-2 reader may average below the writer: %v", bd.Warnings)
	}
}

// TestUsageFilesAgreeWithThePlans fails when an environment's usage file
// assumes something its saved plan makes impossible.
func TestUsageFilesAgreeWithThePlans(t *testing.T) {
	for _, env := range environments {
		t.Run(env, func(t *testing.T) {
			pl, _ := realPlan(t, env)
			u, err := LoadUsage(UsagePath(repoRoot, env))
			if err != nil {
				t.Fatal(err)
			}
			if w := usageContradictions(newCalc(pl, repoBook(t), u)); len(w) > 0 {
				t.Error(strings.Join(w, "\n"))
			}
		})
	}
}

func TestBudgetAndPriceDrivers(t *testing.T) {
	u := mustUsage(t, testUsage)
	pl := &Plan{Resources: []*Resource{res("", "aws_nat_gateway", "a", nil, m{})}, Outputs: map[string]any{}, Variables: map[string]any{"aws_region": "ap-southeast-1"}}
	bd, err := Estimate(Input{Plan: pl, Book: repoBook(t), Usage: u, Budget: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !bd.OverBudget() {
		t.Errorf("$%.2f against a $10 budget is not over", bd.Monthly)
	}
	bd.Budget = 1000
	if bd.OverBudget() {
		t.Error("under budget reported over")
	}
	if len(bd.PriceDrivers) == 0 || bd.PriceDrivers[0].Key != "nat_gateway_hour" {
		t.Errorf("drivers = %+v", bd.PriceDrivers)
	}
	now, _ := time.Parse(time.DateOnly, bd.PriceDrivers[0].Checked)
	if len(bd.Stale(now.AddDate(1, 0, 0), 180*24*time.Hour)) == 0 || len(bd.Stale(now, 180*24*time.Hour)) != 0 {
		t.Error("staleness threshold not applied")
	}
}

// TestEveryEnvironmentDeclaresABudget: the budget lives in one place, the
// tfvars, for `lookcard cost` and modules/budgets alike.
func TestEveryEnvironmentDeclaresABudget(t *testing.T) {
	for _, env := range environments {
		b, err := LoadBudget(repoRoot, env)
		if err != nil || b <= 0 {
			t.Errorf("%s: budget.monthly_usd = %v, %v: declare the monthly budget in terraform.%s.tfvars.json", env, b, err, env)
		}
	}
}
