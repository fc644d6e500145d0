package compliance

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/conftest/policy"
	"github.com/open-policy-agent/opa/v1/ast"
)

// repoRoot is the repository this package lives in.
var repoRoot = filepath.Join("..", "..")

// realPlan reads .lookcard/plans/<env>.offline.json, which
// `LOOKCARD_PROVIDER_SCHEMAS=... bin/lookcard plan --env <env> --offline`
// writes. Absent plans skip the test unless LOOKCARD_REQUIRE_TOOLS=1.
func realPlan(tb testing.TB, env string) *Plan {
	tb.Helper()
	path := filepath.Join(repoRoot, ".lookcard", "plans", env+".offline.json")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		msg := "no saved plan " + path + ": run `LOOKCARD_PROVIDER_SCHEMAS=<dir> bin/lookcard plan --env " + env + " --offline` from the repository root"
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	plan, err := ReadPlan(path)
	if err != nil {
		tb.Fatal(err)
	}
	if plan.Environment != env {
		tb.Fatalf("%s is a plan of %q", path, plan.Environment)
	}
	return plan
}

// TestRealPlans checks the five environments' saved plans: production has
// no failing finding, conftest's reading of the policies agrees with the Go
// side, and every finding is logged (go test -v) with where it is declared.
func TestRealPlans(t *testing.T) {
	p := loadPolicies(t)
	for _, env := range Environments {
		t.Run(env, func(t *testing.T) {
			plan := realPlan(t, env)
			resolveRehearsal(t, plan, env)
			res, err := p.Evaluate(t.Context(), plan, Options{Locator: NewSourceLocator(repoRoot, plan)})
			if err != nil {
				t.Fatal(err)
			}
			logFinding := func(label string, f Finding) {
				where := "?"
				if f.Location != nil {
					where = f.Location.File
				}
				t.Logf("%s %s %s (%s): %s", label, f.RuleID, f.Address, where, f.Message)
			}
			for _, f := range res.Findings {
				if !f.Unverified { // counted below, not listed
					logFinding(string(f.Severity), f)
				}
			}
			for _, f := range res.Suppressed {
				logFinding("excepted by "+f.Exception, f)
			}
			// Every environment's denies are listed; production and staging
			// fail on any. Without a usable rehearsal state the values
			// computed at apply time are unverified denies there, which
			// `lookcard check` reports but this test cannot blame on the
			// code: it fails on the others and says how many it left out.
			var denies, unverified int
			for _, f := range res.Findings {
				switch {
				case f.Severity != Deny:
				case f.Unverified && plan.State == "":
					unverified++
				default:
					denies++
				}
			}
			t.Logf("%s: %d deny, %d unverified deny (state %q), %d warn", env, denies, unverified, plan.State, res.Count(Warn))
			if (env == "production" || env == "staging") && denies > 0 {
				t.Errorf("%s has %d failing finding(s)", env, denies)
			}
			gd, gw := goMessages(res)
			cd, cw := conftestMessages(t, p, plan)
			if strings.Join(gd, "\n") != strings.Join(cd, "\n") || strings.Join(gw, "\n") != strings.Join(cw, "\n") {
				t.Errorf("Go and conftest disagree:\nGo deny %q warn %q\nconftest deny %q warn %q", gd, gw, cd, cw)
			}
			examined := 0
			for _, c := range res.Controls {
				examined += len(c.Passed) + len(c.Failed) + len(c.Unverified) + len(c.Excepted)
			}
			if examined == 0 {
				t.Error("no control examined anything: is the plan empty?")
			}
		})
	}
}

// resolveRehearsal resolves the plan's unknowns from the environment's
// offline rehearsal state when `lookcard check` would (compliance.UsableState).
func resolveRehearsal(tb testing.TB, plan *Plan, env string) {
	tb.Helper()
	state := filepath.Join(repoRoot, ".lookcard", "rehearsal", env, "terraform.tfstate")
	planPath := filepath.Join(repoRoot, ".lookcard", "plans", env+".offline.json")
	if ok, _ := UsableState(state, planPath); !ok {
		return
	}
	st, err := ReadState(state)
	if err != nil {
		tb.Fatal(err)
	}
	if _, _, err := plan.Resolve(".lookcard/rehearsal/"+env+"/terraform.tfstate", st); err != nil {
		tb.Fatal(err)
	}
}

func TestSourceLocatorOnRealPlan(t *testing.T) {
	plan := realPlan(t, "production")
	l := NewSourceLocator(repoRoot, plan)
	cases := map[string]string{
		"module.aurora.aws_rds_cluster.this":                          "modules/aurora-postgres/",
		`module.ecs_service["card-api"].aws_ecs_task_definition.this`: "modules/ecs-service/",
		"var.preview": "variables.tf",
		// Declared once in modules/inputs; the root links it.
		"var.environment": "environment.tf",
		"(plan)":          "foundation.tf",
	}
	for addr, want := range cases {
		loc, ok := l.Locate(addr)
		if !ok || !strings.HasPrefix(loc.File, want) || loc.Line < 1 {
			t.Errorf("Locate(%s) = %+v, %v; want a line in %s", addr, loc, ok, want)
		}
	}
	if _, ok := l.Locate("module.nowhere.aws_vpc.this"); ok {
		t.Error("an address outside the configuration must not be located")
	}
}

// Findings without a declaration of their own point at a file the root
// module has, so that code scanning can show them.
func TestRootLocationIsInTheRepository(t *testing.T) {
	if _, err := os.Stat(filepath.Join(repoRoot, rootLocation.File)); err != nil {
		t.Errorf("plan-wide findings are located in %s, which the root module does not have: %v", rootLocation.File, err)
	}
}

// BenchmarkCheckProduction is the time to evaluate every rule over the
// production plan (parsed once, as `lookcard check` does per plan).
func BenchmarkCheckProduction(b *testing.B) {
	p := loadPolicies(b)
	plan := realPlan(b, "production")
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Evaluate(ctx, plan, Options{Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/check")
	b.ReportMetric(float64(len(p.Rules)), "rules")
}

// BenchmarkConftest evaluates the same policies over the same plan through
// conftest's Go packages (policy.Engine.Check on namespace main, as
// `conftest test plan.json -p policies` does) and reports how many times
// slower it is than lookcard's single-query evaluation.
func BenchmarkConftest(b *testing.B) {
	p := loadPolicies(b)
	plan := realPlan(b, "production")
	ctx := context.Background()
	src, err := os.ReadFile(filepath.Join(repoRoot, ".lookcard", "plans", "production.offline.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(src, &doc); err != nil {
		b.Fatal(err)
	}
	engine, err := policy.LoadWithData([]string{filepath.Join(repoRoot, "policies")}, nil,
		policy.CompilerOptions{RegoVersion: "v1", Capabilities: ast.CapabilitiesForThisVersion()})
	if err != nil {
		b.Fatal(err)
	}
	configs := map[string]any{"production.offline.json": doc}

	// lookcard's own time per check, for the ratio.
	const runs = 5
	start := time.Now()
	for range runs {
		if _, err := p.Evaluate(ctx, plan, Options{Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
	ours := time.Since(start) / runs

	b.ResetTimer()
	var warnings int
	for b.Loop() {
		results, err := engine.Check(ctx, configs, "main")
		if err != nil {
			b.Fatal(err)
		}
		warnings = len(results[0].Warnings)
	}
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perOp.Milliseconds()), "ms/check")
	b.ReportMetric(float64(ours.Milliseconds()), "lookcard-ms/check")
	b.ReportMetric(float64(perOp)/float64(ours), "conftest/lookcard")
	b.ReportMetric(float64(warnings), "warnings")
}

// TestConftestEngine runs conftest's own engine, as `conftest test plan.json
// -p policies -d policies/exceptions.yaml` does, and expects lookcard's
// findings. (-d policies would also load the rules' case files as data.)
func TestConftestEngine(t *testing.T) {
	dir := filepath.Join(repoRoot, "policies")
	engine, err := policy.LoadWithData([]string{dir}, []string{filepath.Join(dir, "exceptions.yaml")},
		policy.CompilerOptions{RegoVersion: "v1", Capabilities: ast.CapabilitiesForThisVersion()})
	if err != nil {
		t.Fatal(err)
	}
	p := loadPolicies(t)
	for _, env := range []string{"production", "develop"} {
		src := []byte(reportPlan(env))
		var doc any
		if err := json.Unmarshal(src, &doc); err != nil {
			t.Fatal(err)
		}
		results, err := engine.Check(t.Context(), map[string]any{"plan.json": doc}, "main")
		if err != nil {
			t.Fatal(err)
		}
		var cd, cw []string
		for _, r := range results[0].Failures {
			cd = append(cd, r.Message)
		}
		for _, r := range results[0].Warnings {
			cw = append(cw, r.Message)
		}
		sort.Strings(cd)
		sort.Strings(cw)
		plan, err := ParsePlan(env, src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Evaluate(t.Context(), plan, Options{})
		if err != nil {
			t.Fatal(err)
		}
		gd, gw := goMessages(res)
		if strings.Join(gd, "\n") != strings.Join(cd, "\n") || strings.Join(gw, "\n") != strings.Join(cw, "\n") || len(gd) == 0 {
			t.Errorf("%s: conftest and lookcard disagree:\nconftest deny %q warn %q\nlookcard deny %q warn %q", env, cd, cw, gd, gw)
		}
	}
}
