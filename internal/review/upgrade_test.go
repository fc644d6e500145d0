package review

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/providerschema"
)

const repoRoot = "../.."

// requireTool skips (or with LOOKCARD_REQUIRE_TOOLS=1 fails) when a tool
// the test drives is not there.
func requireTool(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// engines are the engines the guard is tested on: the pinned OpenTofu and
// a Terraform from $LOOKCARD_TERRAFORM or PATH ("none" leaves it out).
func engines(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	tofu, err := filepath.Abs(filepath.Join(repoRoot, "bin", "tofu"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tofu); err != nil {
		requireTool(t, "no bin/tofu: run `make tools`")
	}
	out["opentofu"] = tofu
	switch tf := os.Getenv("LOOKCARD_TERRAFORM"); tf {
	case "none":
	case "":
		if p, err := exec.LookPath("terraform"); err == nil {
			out["terraform"] = p
		}
	default:
		out["terraform"] = tf
	}
	return out
}

// offlineEnv writes a CLI configuration that serves the AWS provider from
// the built offline provider.
func offlineEnv(t *testing.T) map[string]string {
	t.Helper()
	schemas := os.Getenv(providerschema.EnvDir)
	if schemas == "" {
		requireTool(t, "$"+providerschema.EnvDir+" is not set: it names the provider schemas the offline provider serves")
	}
	providers, err := filepath.Abs(filepath.Join(repoRoot, "bin", "providers"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(providers, "terraform-provider-aws")); err != nil {
		requireTool(t, "no offline provider in bin/providers: run `make tools`")
	}
	envs, err := engine.WriteOfflineCLIConfig(filepath.Join(t.TempDir(), "offline.tfrc"), providers, schemas)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, kv := range envs {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

// copyFixture copies testdata/upgrade/<name> into a fresh directory, so the
// engine's files (.terraform, state, plans) never land in testdata.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("testdata", "upgrade", name, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestUpgradeGuard applies the base offline and plans each head on its
// state: renaming the log group without a moved block destroys it (the
// guard fails the review unless --allow-destroy names it); with a moved
// block it is a move and the review passes.
func TestUpgradeGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the engines (a few seconds each)")
	}
	env := offlineEnv(t)
	for name, bin := range engines(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // the engines share nothing but the provider binary
			var log strings.Builder
			u := Upgrade{Engine: bin, Env: env, Base: Stage{Dir: copyFixture(t, "base")}, Log: &log}
			if _, _, err := u.ApplyBase(context.Background()); err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			for _, head := range []string{"renamed", "moved"} {
				plan, _, err := u.PlanHead(context.Background(), Stage{Dir: copyFixture(t, head)})
				if err != nil {
					t.Fatalf("%s: %v\n%s", head, err, log.String())
				}
				for _, tc := range []struct {
					allow     []string
					wantFail  bool
					wantCount map[Action]int
				}{
					{wantFail: head == "renamed"},
					{allow: []string{"aws_cloudwatch_log_group.audit"}},
				} {
					r := Build(Input{Environment: "fixture", Stack: "fixture", Plan: plan, AllowDestroy: tc.allow})
					what := head + " with --allow-destroy " + strings.Join(tc.allow, ",")
					if r.Failed() != tc.wantFail {
						t.Errorf("%s: Failed() = %v, want %v; guarded %v", what, r.Failed(), tc.wantFail, r.Guarded)
					}
					want := map[Action]int{Create: 1, Destroy: 1}
					if head == "moved" {
						want = map[Action]int{Move: 1}
					}
					for _, a := range Actions {
						if r.Counts[a] != want[a] {
							t.Errorf("%s: %s %d, want %d (changes %v)", what, a, r.Counts[a], want[a], r.Changes)
						}
					}
					if tc.wantFail && (len(r.Guarded) != 1 || r.Guarded[0].Address != "aws_cloudwatch_log_group.audit") {
						t.Errorf("%s: guarded = %v, want the destroy of aws_cloudwatch_log_group.audit", what, r.Guarded)
					}
					if len(tc.allow) > 0 && head == "renamed" && len(r.Allowed) != 1 {
						t.Errorf("%s: allowed = %v, want the one --allow-destroy names", what, r.Allowed)
					}
					if len(tc.allow) > 0 && head == "moved" && len(r.UnusedAllow) != 1 {
						t.Errorf("%s: an --allow-destroy that matches nothing must be reported, got %v", what, r.UnusedAllow)
					}
					if r.Unchanged != 1 { // the topic
						t.Errorf("%s: unchanged = %d, want 1", what, r.Unchanged)
					}
				}
			}
		})
	}
}
