package compliance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// A task definition without the X-Ray sidecar and a log group keeping 30
// days: LC-LOG-006 fails in production and warns in develop; LC-LOG-003
// applies to production only.
func planFor(env string) string {
	return `{"format_version": "1.2",
 "variables": {"environment": {"value": "` + env + `"}},
 "resource_changes": [
  {"address": "aws_ecs_task_definition.job", "mode": "managed", "type": "aws_ecs_task_definition", "name": "job",
   "change": {"actions": ["create"], "after": {"container_definitions": "[{\"name\":\"app\",\"image\":\"app:1\"}]"}, "after_unknown": {}}},
  {"address": "aws_cloudwatch_log_group.job", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "job",
   "change": {"actions": ["create"], "after": {"retention_in_days": 30, "kms_key_id": "arn:aws:kms:ap-southeast-1:111122223333:key/k"}, "after_unknown": {}}}
 ]}`
}

func TestSeverityByEnvironment(t *testing.T) {
	p := loadPolicies(t)
	cases := []struct {
		env           string
		xray, retain  Level
		xrayStatus    Status
		retainStatus  Status
		denies, warns int
	}{
		{"production", Deny, Deny, Fail, Fail, 2, 1},
		{"staging", Deny, Skip, Fail, NotApplicable, 1, 1},
		{"develop", Warn, Skip, Warning, NotApplicable, 0, 2},
		{"sandbox", Warn, Skip, Warning, NotApplicable, 0, 2},
	}
	for _, c := range cases {
		t.Run(c.env, func(t *testing.T) {
			plan, err := ParsePlan(c.env, []byte(planFor(c.env)))
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Evaluate(t.Context(), plan, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			xray, _ := p.Rule("LC-LOG-006")
			retain, _ := p.Rule("LC-LOG-003")
			if xray.Level(c.env) != c.xray || retain.Level(c.env) != c.retain {
				t.Errorf("levels: X-Ray %s, retention %s; want %s, %s", xray.Level(c.env), retain.Level(c.env), c.xray, c.retain)
			}
			cx, _ := res.Control("LC-LOG-006")
			cr, _ := res.Control("LC-LOG-003")
			if cx.Status != c.xrayStatus || cr.Status != c.retainStatus {
				t.Errorf("statuses: X-Ray %s, retention %s; want %s, %s", cx.Status, cr.Status, c.xrayStatus, c.retainStatus)
			}
			// The other deny and warn: LC-LOG-002 (no trail) warns
			// everywhere. Other rules' findings about this small plan
			// (account-level controls it lacks) are not counted here.
			var denies, warns int
			for _, f := range res.Findings {
				if f.RuleID != "LC-LOG-002" && f.RuleID != "LC-LOG-003" && f.RuleID != "LC-LOG-006" {
					continue
				}
				if f.Severity == Deny {
					denies++
				} else {
					warns++
				}
			}
			if denies != c.denies || warns != c.warns {
				t.Errorf("%d denies and %d warnings, want %d and %d: %v", denies, warns, c.denies, c.warns, res.Findings)
			}
		})
	}
	// --env overrides a plan without its own environment.
	plan, _ := ParsePlan("noenv", []byte(strings.Replace(planFor("x"), `"variables": {"environment": {"value": "x"}},`, "", 1)))
	res, err := p.Evaluate(t.Context(), plan, Options{Now: testNow, Environment: "develop"})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := res.Control("LC-LOG-006"); res.Environment != "develop" || c.Status != Warning {
		t.Errorf("with Options.Environment develop: environment %q, X-Ray %s", res.Environment, c.Status)
	}
}

func TestRuleScope(t *testing.T) {
	p := loadPolicies(t)
	for id, want := range map[string]string{
		"LC-ENC-001": "all environments",
		"LC-LOG-006": "all environments; warn in develop, testing, sandbox",
		"LC-RES-001": "production only",
	} {
		r, _ := p.Rule(id)
		if got := r.Scope(); got != want {
			t.Errorf("%s scope %q, want %q", id, got, want)
		}
	}
}

func TestLoadRejectsBadMetadata(t *testing.T) {
	lib, err := os.ReadFile(filepath.Join("..", "..", "policies", "lib", "lib.rego"))
	if err != nil {
		t.Fatal(err)
	}
	rule := func(custom string) string {
		return "# METADATA\n# title: T\n# description: D\n# custom:\n" + custom +
			"package lookcard.rules.x.y\n\nimport data.lookcard.lib\n\nmeta := lib.meta(rego.metadata.chain())\n\nviolation contains {\"address\": \"a\", \"msg\": \"m\"} if false\n"
	}
	good := "#   id: LC-XYZ-001\n#   severity: deny\n#   pci: [\"1.1\"]\n#   soc2: [CC6.1]\n#   applies_to: [aws_vpc]\n#   remediation: R\n"
	cases := []struct{ name, src, want string }{
		{"valid", rule(good), ""},
		{"bad id", rule(strings.Replace(good, "LC-XYZ-001", "X-1", 1)), "is not of the form"},
		{"bad severity", rule(strings.Replace(good, "severity: deny", "severity: fatal", 1)), "custom.severity"},
		{"no remediation", rule(strings.Replace(good, "#   remediation: R\n", "", 1)), "no custom.remediation"},
		{"no soc2", rule(strings.Replace(good, "#   soc2: [CC6.1]\n", "", 1)), "custom.soc2"},
		{"pseudo type without examined", rule(strings.Replace(good, "[aws_vpc]", "[variable]", 1)), "define examined"},
		{"bad environment level", rule(good + "#   severity_by_environment: {develop: maybe}\n"), "severity_by_environment.develop"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"lib/lib.rego": {Data: lib}, "rules/x/y.rego": {Data: []byte(c.src)}}
			_, err := Load(context.Background(), fsys)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	t.Run("duplicate id", func(t *testing.T) {
		fsys := fstest.MapFS{"lib/lib.rego": {Data: lib}, "rules/x/y.rego": {Data: []byte(rule(good))},
			"rules/x/z.rego": {Data: []byte(strings.Replace(rule(good), "lookcard.rules.x.y", "lookcard.rules.x.z", 1))}}
		if _, err := Load(context.Background(), fsys); err == nil || !strings.Contains(err.Error(), "also used by") {
			t.Fatalf("error %v, want a duplicate id", err)
		}
	})
}

// conftestMessages evaluates package main as conftest does (data.main.deny
// and data.main.warn), with the exceptions loaded as --data would.
func conftestMessages(t testing.TB, p *Policies, plan *Plan) (deny, warn []string) {
	t.Helper()
	var exceptions []any
	for _, e := range p.Exceptions {
		exceptions = append(exceptions, map[string]any{"id": e.ID, "rule": e.Rule, "resource": e.Resource,
			"justification": e.Justification, "owner": e.Owner, "expires": e.Expires})
	}
	store := inmem.NewFromObject(map[string]any{"exceptions": exceptions})
	for _, q := range []struct {
		rule string
		into *[]string
	}{{"deny", &deny}, {"warn", &warn}} {
		rs, err := rego.New(rego.Compiler(p.Compiler()), rego.Store(store), rego.Query("data.main."+q.rule),
			rego.ParsedInput(plan.input)).Eval(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range rs[0].Expressions[0].Value.([]any) {
			*q.into = append(*q.into, v.(string))
		}
		sort.Strings(*q.into)
	}
	return deny, warn
}

// goMessages are a result's findings in conftest's message form.
func goMessages(res *Result) (deny, warn []string) {
	for _, f := range res.Findings {
		msg := fmt.Sprintf("%s %s: %s", f.RuleID, f.Address, f.Message)
		if f.Exception != "" {
			msg = f.Message
		}
		if f.Severity == Deny {
			deny = append(deny, msg)
		} else {
			warn = append(warn, msg)
		}
	}
	sort.Strings(deny)
	sort.Strings(warn)
	return deny, warn
}

// TestConftestAgreesWithGo: package main (what conftest reads) and the Go
// side decide deny and warn alike, exceptions included, on every fixture.
func TestConftestAgreesWithGo(t *testing.T) {
	p := withExceptions(t, `exceptions:
  - {id: alb-logs, rule: LC-ENC-004, resource: "module.load_balancers*.aws_s3_bucket.access_logs", justification: j, owner: o, expires: "2027-11-30"}
  - {id: old, rule: LC-TLS-008, resource: "module.aurora.*", justification: j, owner: o, expires: "2020-01-01"}
  - {id: rds, rule: LC-RES-005, resource: "module.*", justification: j, owner: o, expires: "2027-11-30"}`)
	// The Rego side reads the clock: evaluate Go at the real time too.
	for id, ff := range readFixtures(t) {
		for i, f := range append(ff.Pass, ff.Fail...) {
			plan, err := ParsePlan(f.Name, f.planJSON(t))
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Evaluate(t.Context(), plan, Options{})
			if err != nil {
				t.Fatal(err)
			}
			gd, gw := goMessages(res)
			cd, cw := conftestMessages(t, p, plan)
			if strings.Join(gd, "\n") != strings.Join(cd, "\n") || strings.Join(gw, "\n") != strings.Join(cw, "\n") {
				t.Errorf("%s case %d (%s):\nGo deny %q warn %q\nconftest deny %q warn %q", id, i+1, f.Name, gd, gw, cd, cw)
			}
		}
	}
}

// TestConcurrentEvaluate shares one compiled policy set between goroutines,
// as a caller checking several plans at once would (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	p := loadPolicies(t)
	envs := []string{"develop", "production", "staging", "sandbox"}
	errs := make(chan error, len(envs))
	counts := make(chan int, len(envs))
	for _, env := range envs {
		go func() {
			plan, err := ParsePlan(env, []byte(reportPlan(env)))
			if err == nil {
				var res *Result
				if res, err = p.Evaluate(context.Background(), plan, Options{Now: testNow, Locator: NewSourceLocator(t.TempDir(), plan)}); err == nil {
					counts <- len(res.Findings)
				}
			}
			errs <- err
		}()
	}
	for range envs {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		if n := <-counts; n == 0 {
			t.Error("a concurrent evaluation found nothing")
		}
	}
}

func TestPreviewLabel(t *testing.T) {
	src := strings.Replace(planFor("sandbox"), `"variables": {`, `"variables": {"preview": {"value": "feature-x"}, `, 1)
	plan, err := ParsePlan("preview", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := loadPolicies(t).Evaluate(t.Context(), plan, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.Environment != "sandbox" || res.Label() != "sandbox-feature-x" {
		t.Errorf("environment %q, label %q", res.Environment, res.Label())
	}
}
