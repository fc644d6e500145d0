package suite

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/statehttp"
)

// TestOfflineApplyEveryEnvironment rehearses a first apply of every
// environment on each engine, as a user would run it: `lookcard apply
// --offline` applies into a local state (so every precondition,
// postcondition and check runs with the values AWS would return), re-plans
// and requires no change, then `lookcard destroy --offline` removes it all.
// Environments run one after another per engine, since a rehearsal state is
// per stack; the two engines take turns on it.
func TestOfflineApplyEveryEnvironment(t *testing.T) {
	tl := need(t)
	engines := tl.engines(t)
	for _, env := range environment.Names {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			for _, e := range engines {
				t.Run(e.name, func(t *testing.T) {
					dir := filepath.Join(tl.root, ".lookcard", "rehearsal", env)
					if err := os.RemoveAll(dir); err != nil {
						t.Fatal(err)
					}
					engineSlots <- struct{}{}
					defer func() { <-engineSlots }()
					out := rehearse(t, tl, e, "apply", env)
					for _, want := range []string{"OFFLINE apply of " + env, "nothing is created in AWS", "Re-plan: no changes.", "Nothing was created, changed or destroyed in AWS."} {
						if !strings.Contains(out, want) {
							t.Errorf("apply output lacks %q", want)
						}
					}
					checkAppliedState(t, filepath.Join(dir, "terraform.tfstate"), env)
					checkAWSRulesApplied(t, tl.root, env, filepath.Join(dir, "terraform.tfstate"))
					checkCompliesApplied(t, tl, env)
					out = rehearse(t, tl, e, "destroy", env)
					if !strings.Contains(out, "OFFLINE destroy of "+env) {
						t.Errorf("destroy output lacks its OFFLINE header:\n%s", out)
					}
					if n := countResources(t, filepath.Join(dir, "terraform.tfstate")); n != 0 {
						t.Errorf("%d resources left in the rehearsal state after destroy", n)
					}
					_ = os.RemoveAll(dir)
				})
			}
		})
	}
}

// checkCompliesApplied runs `lookcard check` while the rehearsal state exists:
// values unknown at plan time (policy documents, container definitions) are
// read from it, and whatever is still unverifiable is a finding, so the check
// fails closed. Every environment must pass (a deny anywhere fails the test).
func checkCompliesApplied(t *testing.T, tl tools, env string) {
	t.Helper()
	cmd := exec.CommandContext(ctx(t), tl.lookcard, "check", "--env", env, "-C", tl.root)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if !strings.Contains(out.String(), "rehearsal") && !strings.Contains(out.String(), "state") {
		t.Errorf("lookcard check --env %s did not read the rehearsal state:\n%s", env, tail(out.String(), 20))
	}
	if err != nil {
		var denies []string
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "deny") {
				denies = append(denies, strings.TrimSpace(l))
			}
		}
		t.Errorf("lookcard check --env %s fails on the applied rehearsal: %v\n%s", env, err, tail(strings.Join(denies, "\n"), 40))
	}
}

// rehearse runs lookcard <verb> --offline with engine e and fails the test
// with the tail of the output when it fails.
func rehearse(t *testing.T, tl tools, e *nativeEngine, verb, env string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx(t), tl.lookcard, verb, "--env", env, "--offline", "-C", tl.root)
	cmd.Env = append(append(os.Environ(), "TF_BINARY="+e.bin, "TOFU="+e.bin), oneProc()...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("lookcard %s --env %s --offline (%s): %v\n%s", verb, env, e.name, err, tail(out.String(), 80))
	}
	return out.String()
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

type stateFile struct {
	Resources []struct {
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Module    string `json:"module"`
		Name      string `json:"name"`
		Instances []struct {
			Attributes map[string]any `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

func readState(t *testing.T, path string) stateFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s stateFile
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

func countResources(t *testing.T, path string) int {
	n := 0
	for _, r := range readState(t, path).Resources {
		if r.Mode == "managed" {
			n += len(r.Instances)
		}
	}
	return n
}

// checkAppliedState asserts what only exists after apply: every managed
// resource has an id, and the values other resources are built from come in
// AWS's formats (the same values preconditions and policies parse).
func checkAppliedState(t *testing.T, path, env string) {
	t.Helper()
	s := readState(t, path)
	managed := 0
	prefixes := map[string]string{
		"aws_vpc": "vpc-", "aws_subnet": "subnet-", "aws_security_group": "sg-",
	}
	for _, r := range s.Resources {
		if r.Mode != "managed" {
			continue
		}
		for _, in := range r.Instances {
			managed++
			// Some resources have no id attribute at all (the framework-based
			// aws_iam_role_policies_exclusive); the rest must have one.
			raw, hasID := in.Attributes["id"]
			id, _ := raw.(string)
			if hasID && id == "" {
				t.Errorf("%s.%s.%s has no id after apply", r.Module, r.Type, r.Name)
			}
			if p, ok := prefixes[r.Type]; ok && !strings.HasPrefix(id, p) {
				t.Errorf("%s.%s id %q does not start with %s", r.Module, r.Type, id, p)
			}
			if arn, ok := in.Attributes["arn"].(string); ok && !strings.HasPrefix(arn, "arn:aws:") {
				t.Errorf("%s.%s arn %q is not an ARN", r.Module, r.Type, arn)
			}
			if r.Type == "aws_db_proxy" {
				if arn, _ := in.Attributes["arn"].(string); !strings.Contains(arn, ":db-proxy:prx-") {
					t.Errorf("proxy arn %q is not in RDS's format", arn)
				}
			}
		}
	}
	if managed < 500 {
		t.Errorf("%s: only %d managed resources in the applied state", env, managed)
	}
}

// TestOfflineApplyCatchesApplyTimePreconditions proves the mechanism on a
// fixture shaped like issue 18's first defect: the plan passes (the ARN is
// unknown, so the precondition is skipped), the offline apply fails on it.
func TestOfflineApplyCatchesApplyTimePreconditions(t *testing.T) {
	tl := need(t)
	src := filepath.Join(tl.root, "internal", "suite", "testdata", "apply-time-precondition", "main.tf")
	for _, e := range tl.engines(t) {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			data := t.TempDir()
			if out, err := e.run(ctx(t), dir, data, "plan", "-no-color", "-input=false"); err != nil {
				t.Fatalf("the plan must pass (the precondition cannot be evaluated yet): %v\n%s", err, out)
			}
			applying := &nativeEngine{name: e.name, bin: e.bin, env: append(append([]string(nil), e.env...), "LOOKCARD_OFFLINE_APPLY=1")}
			out, err := applying.run(ctx(t), dir, data, "apply", "-no-color", "-input=false", "-auto-approve")
			if err == nil {
				t.Fatalf("the offline apply must fail on the precondition:\n%s", out)
			}
			if !strings.Contains(out, "Resource precondition failed") || !strings.Contains(out, "own database user") {
				t.Fatalf("want the precondition's failure, got:\n%s", out)
			}
		})
	}
}

// TestRehearsalStateServer runs each engine's own http backend client against
// the rehearsal's state server (internal/statehttp) on a one-resource
// configuration: the applied state lands in the served file, and while
// another lookcard process holds the lock the engine is refused and names the
// holder. About a second per engine.
func TestRehearsalStateServer(t *testing.T) {
	tl := need(t)
	for _, e := range tl.engines(t) {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			dir, data := t.TempDir(), t.TempDir()
			state := filepath.Join(t.TempDir(), "rehearsal", "terraform.tfstate")
			srv, err := statehttp.Start(state)
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			cfg := srv.BackendBlock() + "\nresource \"terraform_data\" \"x\" {\n  input = \"v\"\n}\n"
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"init", "-no-color", "-input=false"}, {"apply", "-no-color", "-input=false", "-auto-approve"}} {
				if out, err := e.run(ctx(t), dir, data, args...); err != nil {
					t.Fatalf("%s %s: %v\n%s", e.name, args[0], err, out)
				}
			}
			if n := countResources(t, state); n != 1 {
				t.Fatalf("%d resources in the served state after apply, want 1", n)
			}
			// Another process rehearsing the same stack holds the lock.
			other, err := statehttp.Start(state)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			req, err := http.NewRequest("LOCK", other.URL, strings.NewReader(`{"ID":"held-by-another-rehearsal","Who":"other@host"}`))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("LOCK by the other process: %d", resp.StatusCode)
			}
			out, err := e.run(ctx(t), dir, data, "plan", "-no-color", "-input=false")
			if err == nil || !strings.Contains(out, "held-by-another-rehearsal") {
				t.Fatalf("%s planned while another process held the lock (err %v), or did not name the holder:\n%s", e.name, err, out)
			}
		})
	}
}
