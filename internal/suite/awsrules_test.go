package suite

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lookcard/infrastructure/internal/awsrules"
	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/tfconfig"
)

// The AWS rules no provider schema expresses (issue 18, internal/awsrules),
// over the real repository: the HCL rules over the root and bootstrap/, the
// plan rules over each environment's saved offline plan. A failure lists
// every violation, one a line, with the rule that explains it.

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestAWSRulesConfig runs the HCL rules (listener-order, budget-topic-order,
// fixed-name-cbd) over
// the root module, every module it calls, and bootstrap/. It needs no tools.
func TestAWSRulesConfig(t *testing.T) {
	root := repoRoot(t)
	dirs := []string{root, filepath.Join(root, "bootstrap")}
	// A module no root calls (yet) is checked on its own.
	loaded := map[string]bool{}
	modules, err := filepath.Glob(filepath.Join(root, "modules", "*", "versions.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(dirs); i++ {
		cfg, err := tfconfig.Load(dirs[i])
		if err != nil {
			t.Fatal(err)
		}
		for d := range cfg.Modules {
			loaded[d] = true
		}
		if i == 1 {
			for _, m := range modules {
				if !loaded[filepath.Dir(m)] {
					dirs = append(dirs, filepath.Dir(m))
				}
			}
		}
		dir := dirs[i]
		name, _ := filepath.Rel(root, dir)
		t.Run("listener-order/"+name, func(t *testing.T) {
			if vs := awsrules.CheckListenerOrder(cfg, root); len(vs) > 0 {
				t.Errorf("%d resources may be created before the listener that attaches their target group:\n%s", len(vs), awsrules.Format(vs))
			}
			for addr, chain := range awsrules.ListenerChains(cfg) {
				t.Logf("%s waits for a listener through %s", addr, chain)
			}
		})
		t.Run("budget-topic-order/"+name, func(t *testing.T) {
			if vs := awsrules.CheckBudgetTopicOrder(cfg, root); len(vs) > 0 {
				t.Errorf("%d budgets may be created before the topic policies that let AWS Budgets publish:\n%s", len(vs), awsrules.Format(vs))
			}
		})
		t.Run("fixed-name-cbd/"+name, func(t *testing.T) {
			if vs := awsrules.CheckFixedNameCBD(cfg, root); len(vs) > 0 {
				t.Errorf("%d resources have a fixed unique name with create_before_destroy:\n%s", len(vs), awsrules.Format(vs))
			}
		})
	}
}

// newestInput is the latest modification time of anything a plan reads:
// .tf files, tfvars and the catalog.
func newestInput(t *testing.T, root string) time.Time {
	t.Helper()
	var newest time.Time
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", ".lookcard", "bin", ".terraform", "node_modules", "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		n := d.Name()
		if strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tfvars.json") || strings.HasPrefix(p, filepath.Join(root, "catalog")+string(filepath.Separator)) {
			if info, err := d.Info(); err == nil && info.ModTime().After(newest) {
				newest = info.ModTime()
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return newest
}

// offlinePlan returns the path of env's saved offline plan, planning it
// again (as TestOfflinePlanEveryEnvironment does) when it is missing or
// older than the configuration.
func offlinePlan(t *testing.T, root, env string, newest time.Time) string {
	t.Helper()
	path := filepath.Join(root, ".lookcard", "plans", env+".offline.json")
	if info, err := os.Stat(path); err == nil && !info.ModTime().Before(newest) {
		return path
	}
	tl := need(t) // planning needs the tools; skips (or fails under LOOKCARD_REQUIRE_TOOLS) without them
	c, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(c, tl.lookcard, "plan", "--env", env, "--offline", "--json", "-C", tl.root)
	cmd.Env = os.Environ()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("lookcard plan --env %s --offline: %v\n%s", env, err, out.String())
	}
	return path
}

// TestAWSRulesPlans runs the plan rules (principals, self-trust,
// lambda-quota, minor-pin, aws-log-groups) over every environment's
// offline plan.
func TestAWSRulesPlans(t *testing.T) {
	// Parallel: a top-level parallel test starts only once every sequential
	// one has finished, so in the full suite the plans
	// TestOfflinePlanEveryEnvironment saves are fresh and are not made twice.
	t.Parallel()
	root := repoRoot(t)
	newest := newestInput(t, root)
	boot := map[string]awsrules.Bootstrapped{}
	for _, env := range environment.Names {
		b, err := awsrules.BootstrapResources(filepath.Join(root, "bootstrap"), env)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(b.Roles, "lookcard-"+env+"-deploy") {
			t.Fatalf("bootstrap/ creates no lookcard-%s-deploy role that this test can read (found %v): BootstrapResources no longer understands bootstrap/", env, b.Roles)
		}
		boot[env] = b
	}
	for _, env := range environment.Names {
		t.Run(env, func(t *testing.T) {
			plan, err := awsrules.LoadPlan(offlinePlan(t, root, env, newest))
			if err != nil {
				t.Fatal(err)
			}
			account := plan.AccountID()
			report := func(rule string, vs []awsrules.Violation) {
				t.Run(rule, func(t *testing.T) {
					if len(vs) > 0 {
						t.Errorf("%s breaks %d time(s) in %s's plan:\n%s", rule, len(vs), env, awsrules.Format(vs))
					}
				})
			}
			vs, unchecked := awsrules.CheckPrincipals(plan, awsrules.Principals{
				AccountID:     account,
				BootstrapRole: boot[env].Roles,
				BootstrapOIDC: boot[env].OIDC,
				Prerequisites: awsrules.Prerequisites,
			})
			if len(unchecked) > 0 {
				t.Logf("principals: %d policies are known only after apply and were not checked: %s", len(unchecked), strings.Join(unchecked, ", "))
			}
			report(awsrules.RulePrincipals, vs)
			report(awsrules.RuleSelfTrust, awsrules.CheckSelfTrust(plan, account))
			report(awsrules.RuleLambdaQuota, awsrules.CheckLambdaQuota(plan, awsrules.LambdaQuota(plan)))
			report(awsrules.RuleMinorPin, awsrules.CheckMinorPins(plan))
			report(awsrules.RuleAWSLogGroups, awsrules.CheckAWSLogGroups(plan))
			report(awsrules.RuleDescriptions, awsrules.CheckDescriptions(plan))

			if len(unchecked) > 0 {
				t.Logf("%d policies are known only after apply: TestOfflineApplyEveryEnvironment checks them in the applied state", len(unchecked))
			}
		})
	}
}

// checkAWSRulesApplied checks, in the state of an offline apply, the rules
// over values a plan knows only after apply (policies that name ARNs AWS
// assigns, log destinations). TestOfflineApplyEveryEnvironment calls it
// between its apply and its destroy.
func checkAWSRulesApplied(t *testing.T, root, env, state string) {
	t.Helper()
	b, err := awsrules.BootstrapResources(filepath.Join(root, "bootstrap"), env)
	if err != nil {
		t.Fatal(err)
	}
	applied, err := awsrules.LoadState(state)
	if err != nil {
		t.Fatal(err)
	}
	account := applied.AccountID()
	report := func(rule string, vs []awsrules.Violation) {
		if len(vs) > 0 {
			t.Errorf("%s breaks %d time(s) in %s's applied state:\n%s", rule, len(vs), env, awsrules.Format(vs))
		}
	}
	vs, _ := awsrules.CheckPrincipals(applied, awsrules.Principals{
		AccountID:     account,
		BootstrapRole: b.Roles,
		BootstrapOIDC: b.OIDC,
		Prerequisites: awsrules.Prerequisites,
	})
	report(awsrules.RulePrincipals, vs)
	report(awsrules.RuleSelfTrust, awsrules.CheckSelfTrust(applied, account))
	report(awsrules.RuleAWSLogGroups, awsrules.CheckAWSLogGroups(applied))
}
