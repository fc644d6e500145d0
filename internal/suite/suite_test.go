package suite

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/environment"
)

// tools are the binaries and settings every test here needs.
type tools struct {
	root     string
	tofu     string
	lookcard string
	env      []string // offline engine environment
}

var (
	setupOnce sync.Once
	setup     tools
	setupErr  string
)

func need(t *testing.T) tools {
	t.Helper()
	skipShort(t)
	tl, reason := prepare()
	if reason != "" {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			t.Fatal(reason)
		}
		t.Skip(reason)
	}
	return tl
}

func needB(b *testing.B) tools {
	b.Helper()
	tl, reason := prepare()
	if reason != "" {
		b.Skip(reason)
	}
	return tl
}

func prepare() (tools, string) {
	setupOnce.Do(func() {
		root, err := filepath.Abs("../..")
		if err != nil {
			setupErr = err.Error()
			return
		}
		setup = tools{root: root, tofu: filepath.Join(root, "bin", "tofu"), lookcard: filepath.Join(root, "bin", "lookcard")}
		for _, p := range []string{setup.tofu, setup.lookcard, filepath.Join(root, "bin", "providers", "terraform-provider-aws")} {
			if _, err := os.Stat(p); err != nil {
				setupErr = p + " is missing: run `make tools`"
				return
			}
		}
		schemas, err := engine.SchemaDir("")
		if err != nil {
			setupErr = err.Error()
			return
		}
		dir, err := os.MkdirTemp("", "lookcard-suite-")
		if err != nil {
			setupErr = err.Error()
			return
		}
		env, err := engine.WriteOfflineCLIConfig(filepath.Join(dir, "offline.tfrc"), filepath.Join(root, "bin", "providers"), schemas)
		if err != nil {
			setupErr = err.Error()
			return
		}
		setup.env = append(append(os.Environ(), env...), oneProc()...)
		// Modules of the root are installed once for every root test.
		if out, err := setup.run(context.Background(), root, "get", "-no-color"); err != nil {
			setupErr = "tofu get: " + err.Error() + "\n" + out
		}
	})
	return setup, setupErr
}

// oneProc runs each engine (and the providers it starts) on one Go
// processor, unless GOMAXPROCS is set: engineSlots already keeps one engine
// per core busy, and a single-processor runtime spends less on scheduling and
// garbage collection threads: BenchmarkEngineProcs (two module test
// directories at once on 2 cores) 18.6 s instead of 20.3, 36.4 CPU s instead
// of 39.9; two root test files at once 2-4 % less.
func oneProc() []string {
	if os.Getenv("GOMAXPROCS") != "" {
		return nil
	}
	return []string{"GOMAXPROCS=1"}
}

func (tl tools) run(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, tl.tofu, args...)
	cmd.Dir = dir
	cmd.Env = tl.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 45*time.Minute)
	t.Cleanup(cancel)
	return c
}

// TestModules runs every module's native tests (modules/*/tests/*.tftest.hcl,
// and bootstrap's) on each engine, as subtests <engine>/<module>.
func TestModules(t *testing.T) {
	tl := need(t)
	dirs, err := filepath.Glob(filepath.Join(tl.root, "modules", "*", "tests"))
	if err != nil {
		t.Fatal(err)
	}
	// bootstrap/ is a root of its own, tested the same way.
	dirs = append(dirs, filepath.Join(tl.root, "bootstrap", "tests"))
	if len(dirs) == 0 {
		t.Fatal("no module has native tests")
	}
	for _, e := range tl.engines(t) {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel() // the engines interleave; engineSlots bounds them
			for _, d := range dirs {
				module := filepath.Dir(d)
				t.Run(filepath.Base(module), func(t *testing.T) {
					t.Parallel()
					data := t.TempDir()
					if out, err := e.run(ctx(t), module, data, "get", "-no-color"); err != nil {
						t.Fatalf("%s get: %v\n%s", e.name, err, out)
					}
					out, err := e.run(ctx(t), module, data, "test", "-no-color")
					if err != nil {
						t.Fatalf("%s test in %s failed: %v\n%s", e.name, module, err, out)
					}
					if !strings.Contains(out, " passed, 0 failed") {
						t.Fatalf("%s test ran no passing tests:\n%s", e.name, out)
					}
				})
			}
		})
	}
}

// TestEnvironments runs, for each environment, the root's native tests with
// that environment's tfvars: tests/all_environments.tftest.hcl (guarantees
// every environment keeps) and tests/<env>.tftest.hcl (its own), on each
// engine, as subtests <engine>/<environment>; and, once per engine,
// tests/any_environment.tftest.hcl (bad input no environment's tfvars
// affect: each run block plans the whole root, so not once per environment)
// as <engine>/any_environment.
func TestEnvironments(t *testing.T) {
	tl := need(t)
	for _, e := range tl.engines(t) {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel() // the engines interleave; engineSlots bounds them
			for _, env := range append([]string{anyEnvironment}, environment.Names...) {
				t.Run(env, func(t *testing.T) {
					t.Parallel()
					data := e.root(t, tl)
					args := []string{"test", "-no-color", "-var-file=terraform." + env + ".tfvars.json",
						"-filter=tests/all_environments.tftest.hcl"}
					if env == anyEnvironment {
						// Any valid tfvars do (the runs replace what they check).
						args = []string{"test", "-no-color", "-var-file=terraform.sandbox.tfvars.json",
							"-filter=tests/" + anyEnvironment + ".tftest.hcl"}
					} else if _, err := os.Stat(filepath.Join(tl.root, "tests", env+".tftest.hcl")); err == nil {
						args = append(args, "-filter=tests/"+env+".tftest.hcl")
					}
					out, err := e.run(ctx(t), tl.root, data, args...)
					if err != nil {
						t.Fatalf("%s test for %s failed: %v\n%s", e.name, env, err, out)
					}
					if !strings.Contains(out, " passed, 0 failed") {
						t.Fatalf("%s test ran no passing tests:\n%s", e.name, out)
					}
				})
			}
		})
	}
}

// anyEnvironment names the root's native test file (and subtest) of checks
// that run once per engine rather than once per environment.
const anyEnvironment = "any_environment"

// EnvPlanOutputs names a directory holding what `lookcard plan --env <env>
// --offline --json` printed in this run, as plan-<env>.json (stdout) and
// plan-<env>.err (stderr). scripts/test.sh plans every environment before
// `go test` and sets it, so each environment is planned once per run.
const EnvPlanOutputs = "LOOKCARD_PLAN_OUTPUTS"

// TestOfflinePlanEveryEnvironment runs `lookcard plan --offline` for each
// environment, as a user would, and checks what it printed and saved. Under
// $LOOKCARD_PLAN_OUTPUTS it checks the output of the plans scripts/test.sh
// already ran instead of planning again (unless the configuration changed
// since).
func TestOfflinePlanEveryEnvironment(t *testing.T) {
	tl := need(t)
	newest := newestInput(t, tl.root)
	for _, env := range environment.Names {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, ok := savedPlanOutput(t, env, newest)
			if !ok {
				stdout, stderr = planOffline(t, tl, env)
			}
			if first, _, _ := strings.Cut(stderr.String(), "\n"); !strings.HasPrefix(first, "OFFLINE plan of "+env) {
				t.Errorf("first line must announce the offline plan, got %q", first)
			}
			if strings.Contains(stderr.String(), `"format_version"`) {
				t.Error("the plan JSON must be saved, not printed")
			}
			if strings.Contains(stderr.String()+stdout.String(), "development overrides") {
				t.Error("the dev_overrides warning must be filtered from the output")
			}
			var res struct {
				Offline  bool   `json:"offline"`
				PlanJSON string `json:"plan_json"`
				Summary  struct {
					Counts    map[string]int `json:"counts"`
					Dangerous []any          `json:"dangerous"`
				} `json:"summary"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
				t.Fatalf("plan --json output: %v\n%s", err, stdout.String())
			}
			if !res.Offline || res.Summary.Counts["create"] == 0 || len(res.Summary.Dangerous) != 0 {
				t.Errorf("unexpected plan summary: %+v", res)
			}
			checkPlanJSON(t, res.PlanJSON, env)
			checkGuarantees(t, env, res.PlanJSON)
		})
	}
}

// planOffline runs `lookcard plan --env env --offline --json` and returns
// its stdout and stderr.
func planOffline(t *testing.T, tl tools, env string) (stdout, stderr *bytes.Buffer) {
	t.Helper()
	cmd := exec.CommandContext(ctx(t), tl.lookcard, "plan", "--env", env, "--offline", "--json", "-C", tl.root)
	cmd.Env = os.Environ()
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("lookcard plan --env %s: %v\nstdout:\n%s\nstderr:\n%s", env, err, stdout.String(), stderr.String())
	}
	return stdout, stderr
}

// savedPlanOutput returns what this run's earlier `lookcard plan --env env
// --offline --json` printed ($LOOKCARD_PLAN_OUTPUTS), when there is such a
// plan and neither it nor the plan JSON it names is older than the
// configuration (newest). Otherwise ok is false and the caller plans.
func savedPlanOutput(t *testing.T, env string, newest time.Time) (stdout, stderr *bytes.Buffer, ok bool) {
	t.Helper()
	dir := os.Getenv(EnvPlanOutputs)
	if dir == "" {
		return nil, nil, false
	}
	base := filepath.Join(dir, "plan-"+env)
	out, err := os.ReadFile(base + ".json")
	if err != nil {
		t.Logf("%s: no saved plan output (%v): planning again", env, err)
		return nil, nil, false
	}
	errOut, err := os.ReadFile(base + ".err")
	if err != nil {
		t.Logf("%s: no saved plan output (%v): planning again", env, err)
		return nil, nil, false
	}
	var res struct {
		PlanJSON string `json:"plan_json"`
	}
	if json.Unmarshal(out, &res) != nil || res.PlanJSON == "" {
		// Not stale but broken: check it as it is, so the test says why.
		return bytes.NewBuffer(out), bytes.NewBuffer(errOut), true
	}
	for _, p := range []string{base + ".json", res.PlanJSON} {
		info, err := os.Stat(p)
		if err != nil || info.ModTime().Before(newest) {
			t.Logf("%s: the saved plan %s is missing or older than the configuration: planning again", env, p)
			return nil, nil, false
		}
	}
	t.Logf("%s: checking the plan this run already made (%s)", env, base+".json")
	return bytes.NewBuffer(out), bytes.NewBuffer(errOut), true
}

// checkPlanJSON asserts what every environment's plan guarantees about tags:
// every taggable resource gets the required tags through default_tags.
func checkPlanJSON(t *testing.T, path, env string) {
	t.Helper()
	required := []string{"Project", "Environment", "ManagedBy", "GitCommit", "DataClassification"}
	for _, rc := range loadPlan(t, path) {
		tags, ok := rc.After["tags_all"].(map[string]any)
		if !ok {
			continue
		}
		for _, k := range required {
			if _, ok := tags[k]; !ok {
				t.Errorf("%s: tag %s missing from tags_all", rc.Address, k)
			}
		}
		if tags["Environment"] != env {
			t.Errorf("%s: Environment tag %v, want %s", rc.Address, tags["Environment"], env)
		}
	}
}

// TestValidateRoot validates the root configuration (and every module it
// calls) against the real provider schemas, as `tofu validate` would online,
// on each engine.
func TestValidateRoot(t *testing.T) {
	tl := need(t)
	for _, e := range tl.engines(t) {
		t.Run(e.name, func(t *testing.T) {
			out, err := e.run(ctx(t), tl.root, e.root(t, tl), "validate", "-no-color")
			if err != nil || !strings.Contains(out, "Success!") {
				t.Fatalf("%s validate of the root failed: %v\n%s", e.name, err, out)
			}
		})
	}
}

// TestSchemaConformance proves that the offline provider leaves conformance
// to OpenTofu core and that core rejects bad configuration exactly as with
// the real provider.
func TestSchemaConformance(t *testing.T) {
	tl := need(t)
	cases := []struct {
		name, body, want string
	}{
		{"unknown_argument", `resource "aws_kms_key" "k" {
  not_an_argument = true
}`, "Unsupported argument"},
		{"wrong_type", `resource "aws_kms_key" "k" {
  enable_key_rotation = "sometimes"
}`, "Incorrect attribute value type"},
		{"missing_required", `resource "aws_kms_alias" "a" {
  name = "alias/x"
}`, `Missing required argument`},
		{"unknown_block", `resource "aws_s3_bucket" "b" {
  website_hosting {}
}`, "Unsupported block type"},
		{"cloudflare_wrong_type", `resource "cloudflare_dns_record" "r" {
  zone_id = "z"
  name    = "api"
  type    = "CNAME"
  ttl     = "one hour"
}`, "Incorrect attribute value type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cfg := `terraform {
  required_providers {
    aws        = { source = "hashicorp/aws" }
    cloudflare = { source = "cloudflare/cloudflare" }
  }
}
provider "aws" {
  region = "ap-southeast-1"
}
` + c.body + "\n"
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := tl.run(ctx(t), dir, "validate", "-no-color")
			if err == nil {
				t.Fatalf("validate accepted a bad configuration:\n%s", out)
			}
			if !strings.Contains(out, c.want) {
				t.Fatalf("want OpenTofu's %q error, got:\n%s", c.want, out)
			}
		})
	}
	t.Run("valid_configuration_passes", func(t *testing.T) {
		dir := t.TempDir()
		cfg := `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
`
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := tl.run(ctx(t), dir, "validate", "-no-color"); err != nil {
			t.Fatalf("a valid configuration must validate: %v\n%s", err, out)
		}
	})
}
