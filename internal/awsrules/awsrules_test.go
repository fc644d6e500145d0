package awsrules

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/planfile"
	"github.com/lookcard/infrastructure/internal/tfconfig"
)

// The fixtures under testdata break every rule once (bad) or keep it (good):
// testdata/plans/{bad,good}.json are small plan JSON documents shaped like
// `tofu show -json`, testdata/config/{bad,good} small configurations, and
// testdata/bootstrap a bootstrap-like root.

func load(t *testing.T, name string) *Plan {
	t.Helper()
	p, err := LoadPlan(filepath.Join("testdata", "plans", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func principalsFor(p *Plan) Principals {
	return Principals{AccountID: p.AccountID(), BootstrapRole: []string{"lookcard-test-admin"}, Prerequisites: Prerequisites}
}

// hit is one violation a fixture must produce: its address, and a fragment
// of its message.
type hit struct{ addr, frag string }

func TestAWSRulesPlanRulesCatchTheBadFixture(t *testing.T) {
	p := load(t, "bad")
	tests := []struct {
		rule string
		got  []Violation
		want []hit
	}{
		{RulePrincipals, func() []Violation { vs, _ := CheckPrincipals(p, principalsFor(p)); return vs }(), []hit{
			{`module.kms.aws_kms_key.this["app"]`, "role/lookcard-platform-admin is created neither"},
			{`module.kms.aws_kms_key.this["app"]`, "222222222222:role/partner is in account 222222222222"},
			{`module.kms.aws_kms_key.this["app"]`, "lambda.example.com is not an AWS service principal"},
		}},
		{RuleSelfTrust, CheckSelfTrust(p, p.AccountID()), []hit{{"aws_iam_role.rotation", "trusts itself"}}},
		{RuleLambdaQuota, CheckLambdaQuota(p, LambdaQuota(p)), []hit{{"(account)", "leaves 8 unreserved of the quota 10"}}},
		{RuleMinorPin, CheckMinorPins(p), []hit{
			{"module.aurora.aws_rds_cluster.this", `"16.6" pins a minor`},
			{"module.redis.aws_elasticache_replication_group.this", `"7.1.0" pins a patch`},
		}},
		{RuleAWSLogGroups, CheckAWSLogGroups(p), []hit{
			{"module.rotation.aws_lambda_function.this[0]", "/aws/lambda/lookcard-test-rotation"},
			{"module.aurora.aws_rds_cluster.this", "/aws/rds/cluster/lookcard-test-aurora/postgresql"},
			{"module.aurora.aws_db_proxy.this", "/aws/rds/proxy/lookcard-test-rds-proxy"},
			{"aws_ecs_cluster.core", "/aws/ecs/containerinsights/lookcard-test-core/performance"},
			{"module.web.aws_apprunner_service.this", "must look them up"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if len(tt.got) != len(tt.want) {
				t.Errorf("got %d violations, want %d:\n%s", len(tt.got), len(tt.want), Format(tt.got))
			}
			for _, w := range tt.want {
				addr, frag := w.addr, w.frag
				found := false
				for _, v := range tt.got {
					if v.Rule == tt.rule && v.Address == addr && strings.Contains(v.Message, frag) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s violation at %s mentioning %q in:\n%s", tt.rule, addr, frag, Format(tt.got))
				}
			}
		})
	}
}

func TestAWSRulesPlanRulesPassTheGoodFixture(t *testing.T) {
	p := load(t, "good")
	vs, unchecked := CheckPrincipals(p, principalsFor(p))
	vs = append(vs, CheckSelfTrust(p, p.AccountID())...)
	vs = append(vs, CheckLambdaQuota(p, LambdaQuota(p))...)
	vs = append(vs, CheckMinorPins(p)...)
	vs = append(vs, CheckAWSLogGroups(p)...)
	if len(vs) > 0 {
		t.Errorf("the good fixture breaks rules:\n%s", Format(vs))
	}
	if len(unchecked) != 1 || unchecked[0] != "aws_secretsmanager_secret_policy.jwt" {
		t.Errorf("unchecked = %v, want the one policy known only after apply", unchecked)
	}
}

func TestAWSRulesLambdaQuota(t *testing.T) {
	p := load(t, "bad")
	if got := LambdaQuota(p); got != 10 {
		t.Errorf("quota from the variable = %d, want 10", got)
	}
	if vs := CheckLambdaQuota(p, 1000); len(vs) != 0 {
		t.Errorf("2 reserved of a raised quota of 1000 must pass:\n%s", Format(vs))
	}
	delete(p.Variables, LambdaQuotaVariable)
	if got := LambdaQuota(p); got != DefaultLambdaConcurrencyQuota {
		t.Errorf("quota without the variable = %d, want AWS's new-account %d", got, DefaultLambdaConcurrencyQuota)
	}
}

func TestAWSRulesMinorPinAllowsMajorAndNoAutoUpgrade(t *testing.T) {
	for _, tt := range []struct {
		version string
		auto    bool
		bad     bool
	}{
		{"16", true, false},
		{"16.6", true, true},
		{"16.6.1", true, true},
		{"16.6", false, false},
	} {
		p := &Plan{Resources: []Resource{
			{Address: "aws_rds_cluster.c", Type: "aws_rds_cluster", After: map[string]any{"engine_version": tt.version, "cluster_identifier": "c"}},
			{Address: "aws_rds_cluster_instance.i", Type: "aws_rds_cluster_instance", After: map[string]any{"cluster_identifier": "c", "auto_minor_version_upgrade": tt.auto}},
			{Address: "aws_db_instance.d", Type: "aws_db_instance", After: map[string]any{"engine_version": tt.version, "auto_minor_version_upgrade": tt.auto}},
		}}
		if got := len(CheckMinorPins(p)) > 0; got != tt.bad {
			t.Errorf("engine_version %s, auto upgrade %v: violation = %v, want %v", tt.version, tt.auto, got, tt.bad)
		}
	}
}

func TestAWSRulesPrerequisitesAreListedOnceWithAReason(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Prerequisites {
		if seen[p.ARN] {
			t.Errorf("%s is listed twice", p.ARN)
		}
		seen[p.ARN] = true
		if len(p.Reason) < 20 {
			t.Errorf("%s needs a reason that says who creates it", p.ARN)
		}
	}
	if _, ok := prerequisite("arn:aws:iam::333333333333:role/lookcard-dns-records", Prerequisites); !ok {
		t.Error("the DNS account's lookcard-dns-records role must be a listed prerequisite")
	}
	if _, ok := prerequisite("arn:aws:iam::333333333333:role/lookcard-dns-records-extra", Prerequisites); ok {
		t.Error("a pattern must not match a longer role name")
	}
}

func TestAWSRulesBootstrapResources(t *testing.T) {
	b, err := BootstrapResources(filepath.Join("testdata", "bootstrap"), "develop")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(b.Roles, ",") != "lookcard-develop-admin,lookcard-develop-deploy" {
		t.Errorf("roles = %v", b.Roles)
	}
	if strings.Join(b.OIDC, ",") != "token.actions.githubusercontent.com" {
		t.Errorf("OIDC providers = %v", b.OIDC)
	}
}

func TestAWSRulesConfigRules(t *testing.T) {
	for _, tt := range []struct {
		dir       string
		listener  []string // addresses CheckListenerOrder must report
		fixedName []string // blocks CheckFixedNameCBD must report
		budget    []string // budgets CheckBudgetTopicOrder must report
	}{
		{"bad", []string{"module.service.aws_appautoscaling_policy.this", "module.service.aws_ecs_service.this"},
			[]string{"aws_db_parameter_group.this", "aws_security_group.fixed"}, []string{"aws_budgets_budget.monthly"}},
		{"good", nil, nil, nil},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "config", tt.dir)
			c, err := tfconfig.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			check := func(rule string, vs []Violation, want []string) {
				var got []string
				for _, v := range vs {
					got = append(got, strings.SplitN(v.Address, " ", 2)[0])
				}
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("%s reported %v, want %v:\n%s", rule, got, want, Format(vs))
				}
			}
			check(RuleListenerOrder, CheckListenerOrder(c, dir), tt.listener)
			check(RuleFixedNameCBD, CheckFixedNameCBD(c, dir), tt.fixedName)
			check(RuleBudgetOrder, CheckBudgetTopicOrder(c, dir), tt.budget)
		})
	}
}

func TestAWSRulesListenerChainsExplainThePass(t *testing.T) {
	c, err := tfconfig.Load(filepath.Join("testdata", "config", "good"))
	if err != nil {
		t.Fatal(err)
	}
	chains := ListenerChains(c)
	if got := chains["module.service.aws_ecs_service.this"]; !strings.HasSuffix(got, "aws_lb_listener_rule.this") {
		t.Errorf("service chain = %q, want it to end at the listener rule", got)
	}
	if got := chains["module.service.aws_appautoscaling_policy.this"]; !strings.Contains(got, "aws_ecs_service.this") {
		t.Errorf("policy chain = %q, want it through the service", got)
	}
}

// A policy known only after apply is checked in the state an offline apply
// leaves.
func TestAWSRulesPrincipalsInAppliedState(t *testing.T) {
	s, err := LoadState(filepath.Join("testdata", "plans", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s.AccountID() != "111111111111" {
		t.Errorf("account from the state's ARNs = %q", s.AccountID())
	}
	vs, unchecked := CheckPrincipals(s, Principals{AccountID: s.AccountID(), Prerequisites: Prerequisites})
	if len(unchecked) != 0 || len(vs) != 1 || vs[0].Address != `module.secrets.aws_secretsmanager_secret_policy.this["app/jwt-signing-key"]` ||
		!strings.Contains(vs[0].Message, "role/lookcard-test-missing") {
		t.Errorf("want one violation for the missing role, got (unchecked %v):\n%s", unchecked, Format(vs))
	}
}

// The rules read plan JSON through internal/planfile: what it rejects they
// reject with its words, and a variable's value is the one planfile reads.
func TestAWSRulesReadPlansThroughPlanfile(t *testing.T) {
	for _, in := range []string{`{`, `{"resource_changes": []}`, `{"format_version": "2.0"}`} {
		var h planfile.Header
		want := planfile.Decode([]byte(in), &h)
		if _, err := ParsePlan([]byte(in)); err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("ParsePlan(%s) = %v, want planfile's %v", in, err, want)
		}
	}
	src := []byte(`{"format_version": "1.2", "variables": {"aws_account_id": {"value": "111111111111"}, "n": {"value": 2}, "none": {}},
		"resource_changes": [
			{"address": "aws_s3_bucket.kept", "mode": "managed", "type": "aws_s3_bucket", "change": {"actions": ["create"], "after": {"bucket": "b"}}},
			{"address": "aws_s3_bucket.gone", "mode": "managed", "type": "aws_s3_bucket", "change": {"actions": ["delete"], "after": null}},
			{"address": "data.aws_region.this", "mode": "data", "type": "aws_region", "change": {"actions": ["read"], "after": {}}}]}`)
	p, err := ParsePlan(src)
	if err != nil {
		t.Fatal(err)
	}
	var h planfile.Header
	if err := planfile.Decode(src, &h); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Variables, h.Values()) || p.Variable("n") != 2.0 || p.AccountID() != "111111111111" {
		t.Errorf("Variables = %#v, planfile reads %#v", p.Variables, h.Values())
	}
	if len(p.Resources) != 1 || p.Resources[0].Address != "aws_s3_bucket.kept" || p.Resources[0].Unknown == nil {
		t.Errorf("Resources = %+v, want only the kept bucket, with an empty Unknown", p.Resources)
	}
	if _, err := LoadPlan(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("a missing plan is named in its error: %v", err)
	}
}
