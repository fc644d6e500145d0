package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"

	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/plansummary"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// noCredentials clears every way the CLI could find AWS credentials.
func noCredentials(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "LOOKCARD_BRANCH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME",
		"CI_COMMIT_REF_NAME", "BRANCH_NAME"} {
		t.Setenv(v, "")
	}
}

// repo makes a git repository on branch with the given files committed.
func repo(t *testing.T, branch string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q", "-b", branch)
	for name, body := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("add", "-A")
	run("commit", "-q", "-m", "init", "--allow-empty")
	return dir
}

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// testVariables declares a root module's variables for the tfvars checks.
const testVariables = `variable "environment" {
  type = string
}
variable "network" {
  type = object({
    cidr              = optional(string, "10.0.0.0/16")
    nat_gateway_count = optional(number, 1)
  })
  default = {}
}
`

func goodVars(env string) string { return `{"environment": "` + env + `"}` }

func TestBadInputIsRefusedClearly(t *testing.T) {
	noCredentials(t)
	good := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop")})
	broken := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": "{\n  \"environment\": \"develop\"\n  \"x\": 1\n}\n"})
	mismatched := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("staging")})
	missing := repo(t, "develop", map[string]string{"README": "x"})
	symbolsOnly := repo(t, "develop", nil)
	detach(t, symbolsOnly) // a branch override names only a detached HEAD's branch
	onMain := repo(t, "main", map[string]string{"terraform.production.tfvars.json": goodVars("production")})
	duplicateService := repo(t, "develop", map[string]string{
		"terraform.develop.tfvars.json": goodVars("develop"),
		"catalog/services.yaml":         "services:\n  card-api:\n    cluster: core-application\n  card-api:\n    cluster: listener\n",
	})
	// Saved plans for the readers' lookup (cost also needs pricing/).
	withPlans := func(online, offline *planMeta) string {
		dir := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop"), "pricing/README": "x"})
		if online != nil {
			writeSavedPlan(t, workspace.For(dir, "develop", false), withCommit(t, dir, online))
		}
		if offline != nil {
			writeSavedPlan(t, workspace.For(dir, "develop", true), withCommit(t, dir, offline))
		}
		return dir
	}
	onlyOnline := withPlans(&planMeta{Environment: "develop", Stack: "develop"}, nil)
	staleOffline := withPlans(nil, &planMeta{Environment: "develop", Stack: "develop", Offline: true, Commit: "0123456789abcdef0123"})
	noMeta := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop")})
	writeSavedPlan(t, workspace.For(noMeta, "develop", true), nil)
	destroyAsPlan := withPlans(&planMeta{Environment: "develop", Stack: "develop", Destroy: true}, nil)
	credentials := map[string]string{"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"}
	emptyOutputs := scriptEngine(t, `if [ "$1" = output ]; then echo '{}'; exit 0; fi`)
	schemas := func(env map[string]string) map[string]string {
		dir := t.TempDir()
		for _, f := range []string{"aws.json", "cloudflare.json"} {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		providers := t.TempDir()
		if err := os.WriteFile(filepath.Join(providers, "terraform-provider-aws"), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		env["LOOKCARD_PROVIDER_SCHEMAS"], env["LOOKCARD_OFFLINE_PROVIDER_DIR"], env["TF_CLI_CONFIG_FILE"], env["CHECKPOINT_DISABLE"] = dir, providers, "", ""
		return env
	}
	typo := repo(t, "develop", map[string]string{
		"variables.tf":                  testVariables,
		"terraform.develop.tfvars.json": `{"environment": "develop", "network": {"nat_gatway_count": 3}}`,
	})
	unknownTop := repo(t, "develop", map[string]string{
		"variables.tf":                  testVariables,
		"terraform.develop.tfvars.json": `{"environment": "develop", "netwrok": {}}`,
	})
	fakeOld := fakeEngine(t, "1.6.2")

	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown environment", nil, []string{"plan", "-C", good, "--env", "prod"}, `unknown environment "prod": use one of develop, testing, staging, production, sandbox`},
		{"malformed tfvars reports line and column", nil, []string{"plan", "-C", broken}, "terraform.develop.tfvars.json:3:3: malformed JSON"},
		{"tfvars for another environment", nil, []string{"plan", "-C", mismatched}, `says environment "staging" but it is being used for "develop"`},
		{"missing tfvars", nil, []string{"plan", "-C", missing}, "terraform.develop.tfvars.json is missing"},
		{"no git repository", nil, []string{"plan", "-C", t.TempDir()}, "is not inside a git repository"},
		{"apply without credentials", nil, []string{"apply", "-C", good}, "or rehearse with --offline, which applies into a local state under .lookcard/ only; nothing was changed"},
		{"typo inside a tfvars object", map[string]string{"TOFU": fakeEngine(t, "1.10.6")}, []string{"plan", "-C", typo},
			"network.nat_gatway_count: no such attribute (did you mean nat_gateway_count?)"},
		{"unknown tfvars variable", map[string]string{"TOFU": fakeEngine(t, "1.10.6")}, []string{"plan", "-C", unknownTop},
			"netwrok: no such variable (did you mean network?)"},
		{"offline apply has no --json", nil, []string{"apply", "-C", good, "--offline", "--json"}, "--json is not supported by an offline apply"},
		{"destroy without credentials", nil, []string{"destroy", "-C", good, "--env", "develop"}, "--offline destroys the local rehearsal state only"},
		{"offline refresh", nil, []string{"refresh", "-C", good}, "cannot run offline"},
		{"destroy production", nil, []string{"destroy", "-C", good, "--env", "production"}, "destroy is refused for production"},
		{"missing schemas", map[string]string{"LOOKCARD_PROVIDER_SCHEMAS": "", "TOFU": fakeEngine(t, "1.10.6")}, []string{"plan", "-C", good}, "set LOOKCARD_PROVIDER_SCHEMAS"},
		{"engine too old", map[string]string{"TOFU": fakeOld}, []string{"plan", "-C", good}, "needs OpenTofu >= 1.8.0"},
		{"engine missing", map[string]string{"TOFU": filepath.Join(t.TempDir(), "nope")}, []string{"plan", "-C", good}, "run `make tools`"},
		{"branch with no usable characters", map[string]string{"LOOKCARD_BRANCH": "///"}, []string{"plan", "-C", symbolsOnly}, "no letters or digits"},
		{"branch override contradicting the checkout", map[string]string{"LOOKCARD_BRANCH": "production"}, []string{"apply", "-C", onMain, "--env", "production"},
			"LOOKCARD_BRANCH=production but the checkout is on branch main: a branch override applies only to a detached HEAD"},
		{"empty --env", nil, []string{"plan", "-C", good, "--env", ""}, `--env is empty: name one of develop, testing, staging, production, sandbox`},
		{"--json on docs", nil, []string{"docs", "-C", good, "--json"}, "--json is not supported by lookcard docs"},
		{"--json on fmt", nil, []string{"fmt", "-C", good, "--json"}, "--json is not supported by lookcard fmt"},
		{"--json on apply", credentials, []string{"apply", "-C", good, "--json"}, "--json is not supported by lookcard apply"},
		{"duplicate service in the catalog", map[string]string{"TOFU": fakeEngine(t, "1.10.6")}, []string{"plan", "-C", duplicateService},
			`defines service "card-api" twice (line 2 and line 4)`},
		{"cost reads the session's mode only", nil, []string{"cost", "-C", onlyOnline},
			"no saved offline plan for develop at .lookcard/plans/develop.offline.json; there is an online plan, but this session is offline"},
		{"cost of a plan from another commit", nil, []string{"cost", "-C", staleOffline}, "the saved offline plan of develop was made from commit 0123456789ab but HEAD is"},
		{"check of a plan from another commit", nil, []string{"check", "-C", staleOffline}, "the saved offline plan of develop was made from commit 0123456789ab"},
		{"check --bootstrap of a given plan", nil, []string{"check", "-C", good, "--bootstrap", "--plan", "plan.json"}, "--bootstrap plans bootstrap/ for the environment's account: drop --plan"},
		{"check --state with --all", nil, []string{"check", "-C", good, "--all", "--state", "x.tfstate"}, "--state resolves one environment's plan: drop --all"},
		{"graph of a plan without metadata", nil, []string{"graph", "-C", noMeta}, "has no metadata (an interrupted run or an older lookcard)"},
		{"apply of a destroy plan without --destroy", credentials, []string{"apply", "-C", destroyAsPlan}, "is a DESTROY plan: apply it with `lookcard apply --destroy`"},
		{"apply --destroy with no destroy plan", credentials, []string{"apply", "-C", good, "--destroy"}, "no saved destroy plan for develop: run `lookcard destroy --env develop` first"},
		{"output offline has no state", schemas(map[string]string{"TOFU": emptyOutputs}), []string{"output", "-C", good}, "no outputs to show: offline there is no state of develop"},
	}
	var refused []refusal
	defer func() { checkBadInputDoc(t, refused, len(cases)) }()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, _, stderr := runCLI(t, c.args...)
			if code != ExitError {
				t.Fatalf("exit %d, want %d; stderr: %s", code, ExitError, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Fatalf("stderr must say %q, got: %s", c.want, stderr)
			}
			refused = append(refused, refusal{c.name, c.args, c.env, stderr})
			dir := c.args[2]
			if _, err := os.Stat(filepath.Join(dir, workspace.Dir, "state")); err == nil {
				t.Errorf("bad input must touch no state, but %s/state exists", workspace.Dir)
			}
		})
	}
}

// fakeEngine writes a script that answers `version` like OpenTofu.
func fakeEngine(t *testing.T, version string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tofu")
	script := "#!/bin/sh\nif [ \"$1\" = version ] && [ \"$2\" = -json ]; then echo '{\"terraform_version\":\"" + version + "\"}'; exit 0; fi\n" +
		"if [ \"$1\" = version ]; then echo 'OpenTofu v" + version + "'; exit 0; fi\necho \"fake tofu: $*\" >&2; exit 3\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEnvCommandShowsResolution(t *testing.T) {
	noCredentials(t)
	dir := repo(t, "feature/Login-Page", map[string]string{"terraform.sandbox.tfvars.json": goodVars("sandbox")})
	code, out, stderr := runCLI(t, "env", "-C", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var info map[string]any
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"environment": "sandbox", "preview": "lo-1cd8fc98", "stack": "sandbox-lo-1cd8fc98",
		"state_key": "sandbox/lo-1cd8fc98/terraform.tfstate", "offline": true}
	for k, v := range want {
		if info[k] != v {
			t.Errorf("%s = %v, want %v", k, info[k], v)
		}
	}
}

func TestCheckSavedPlan(t *testing.T) {
	root := t.TempDir()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	base := planMeta{Environment: "production", Stack: "production", Branch: "production", Commit: "abc123", Created: now.Add(-10 * time.Minute)}
	cases := []struct {
		name   string
		meta   *planMeta
		branch string
		dirty  bool
		want   string // "" for success
	}{
		{"no saved plan", nil, "production", false, "no saved plan"},
		{"fresh plan of this commit", &base, "production", false, ""},
		{"plan made offline", withMeta(base, func(m *planMeta) { m.Offline = true }), "production", false, "made offline"},
		{"plan from another commit", withMeta(base, func(m *planMeta) { m.Commit = "def456" }), "production", false, "made from commit def456"},
		{"plan of another environment", withMeta(base, func(m *planMeta) { m.Environment, m.Stack = "staging", "staging" }), "production", false, "is for staging"},
		{"production from another branch", &base, "develop", false, "from the production branch only"},
		{"production from a dirty tree", &base, "production", true, "clean working tree"},
		{"stale production plan", withMeta(base, func(m *planMeta) { m.Created = now.Add(-2 * time.Hour) }), "production", false, "plan again"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &session{
				git:    gitinfo.Info{Root: root, Commit: "abc123", Dirty: c.dirty},
				target: environment.Target{Environment: "production", Branch: c.branch},
			}
			s.layout = workspace.For(root, "production", false)
			_ = os.RemoveAll(filepath.Join(root, workspace.Dir))
			if c.meta != nil {
				if err := os.MkdirAll(filepath.Dir(s.layout.PlanFile), 0o755); err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(c.meta)
				if err := os.WriteFile(s.layout.MetaFile(), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := checkSavedPlan(s, now)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("want success, got %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("want error containing %q, got %v", c.want, err)
			}
		})
	}
}

func withMeta(m planMeta, f func(*planMeta)) *planMeta { f(&m); return &m }

func TestCheckDestroys(t *testing.T) {
	sum := plansummary.Summary{Dangerous: []plansummary.Change{
		{Address: "module.data.aws_dynamodb_table.this[\"card-api/idempotency-keys\"]", Action: plansummary.Replace},
		{Address: "module.kms.aws_kms_key.this[\"data\"]", Action: plansummary.Destroy},
	}}
	if err := checkDestroys(sum, nil); err == nil || !strings.Contains(err.Error(), "--allow-destroy") {
		t.Fatalf("destroying stateful resources must be refused with the way out named, got %v", err)
	}
	if err := checkDestroys(sum, []string{"module.kms.aws_kms_key.this[\"data\"]"}); err == nil || strings.Contains(err.Error(), "aws_kms_key") {
		t.Fatalf("only the unnamed resource must be refused, got %v", err)
	}
	all := []string{"module.kms.aws_kms_key.this[\"data\"]", "module.data.aws_dynamodb_table.this[\"card-api/idempotency-keys\"]"}
	if err := checkDestroys(sum, all); err != nil {
		t.Fatalf("every dangerous change named: want success, got %v", err)
	}
}

func TestConfirm(t *testing.T) {
	cases := []struct {
		name, env, ci, input string
		auto                 bool
		ok                   bool
	}{
		{"develop auto-approve", "develop", "", "", true, true},
		{"develop typed", "develop", "", "develop\n", false, true},
		{"production auto-approve outside CI", "production", "", "", true, false},
		{"production auto-approve in CI", "production", "true", "", true, true},
		{"production typed", "production", "", "production\n", false, true},
		{"production mistyped", "production", "", "prod\n", false, false},
		{"production no input", "production", "", "", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("CI", c.ci)
			cmd := NewRoot(&bytes.Buffer{}, &bytes.Buffer{})
			cmd.SetIn(strings.NewReader(c.input))
			s := &session{target: environment.Target{Environment: c.env}}
			err := confirm(cmd, s, c.auto)
			if (err == nil) != c.ok {
				t.Fatalf("ok=%v, err=%v", c.ok, err)
			}
		})
	}
}

func TestBackendConfig(t *testing.T) {
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", "")
	t.Setenv("LOOKCARD_STATE_BUCKET", "")
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", "")
	tg, err := environment.ForBranch("feature/x")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(BackendConfig(tg), " ")
	for _, want := range []string{"bucket=lookcard-terraform-state-sandbox", "key=sandbox/x-217d2bf5/terraform.tfstate", "region=ap-southeast-1", "dynamodb_table=lookcard-terraform-locks", "encrypt=true", "profile=lookcard-terraform"} {
		if !strings.Contains(got, want) {
			t.Errorf("backend config %q lacks %q", got, want)
		}
	}
}

func TestDotEnvIsLoadedWithoutOverriding(t *testing.T) {
	noCredentials(t)
	dir := repo(t, "develop", map[string]string{
		"terraform.develop.tfvars.json": `{"environment": "develop", "aws_account_id": "210000000001"}`,
		".env":                          "AWS_ACCOUNT_ID=999999999999\nLOOKCARD_TEST_DOTENV=from-file\n",
	})
	t.Setenv("LOOKCARD_TEST_DOTENV", "from-environment")
	t.Setenv("AWS_ACCOUNT_ID", "")
	os.Unsetenv("AWS_ACCOUNT_ID")
	code, _, stderr := runCLI(t, "plan", "-C", dir)
	if code != ExitError || !strings.Contains(stderr, "AWS_ACCOUNT_ID is 999999999999 but terraform.develop.tfvars.json is for account 210000000001") {
		t.Fatalf("an AWS_ACCOUNT_ID from .env that contradicts the tfvars must stop the run; exit %d: %s", code, stderr)
	}
	if got := os.Getenv("LOOKCARD_TEST_DOTENV"); got != "from-environment" {
		t.Errorf(".env must not override the environment, got %q", got)
	}
	os.Unsetenv("AWS_ACCOUNT_ID")
}

func TestBackendConfigCarriesTheStateKey(t *testing.T) {
	t.Setenv(EnvStateKMSKey, "arn:aws:kms:ap-southeast-1:210000000001:key/abcd")
	tg, _ := environment.ForBranch("develop")
	if got := strings.Join(BackendConfig(tg), " "); !strings.Contains(got, "kms_key_id=arn:aws:kms:ap-southeast-1:210000000001:key/abcd") {
		t.Fatalf("the backend must send the state key, got %q", got)
	}
}

// TestLockArgs: every engine that can takes the S3 lock file, every engine up
// to Terraform 1.10 the DynamoDB lock too; Terraform >= 1.11, which warns on
// dynamodb_table ("Deprecated Parameter"), takes the lock file only.
func TestLockArgs(t *testing.T) {
	eng := func(name, v string) *engine.Engine {
		return &engine.Engine{Name: name, Version: version.Must(version.NewVersion(v))}
	}
	const table, file = "dynamodb_table=lookcard-terraform-locks", "use_lockfile=true"
	cases := []struct {
		e    *engine.Engine
		want []string
	}{
		{nil, []string{table}},
		{eng("OpenTofu", "1.8.9"), []string{table}},
		{eng("OpenTofu", "1.10.1"), []string{table}},
		{eng("OpenTofu", "1.10.6"), []string{table, file}},
		{eng("OpenTofu", "1.11.0"), []string{table, file}},
		{eng("Terraform", "1.7.5"), []string{table}},
		{eng("Terraform", "1.10.5"), []string{table, file}},
		{eng("Terraform", "1.11.4"), []string{file}},
		{eng("Terraform", "2.0.0"), []string{file}},
	}
	for _, c := range cases {
		if got := LockArgs(c.e); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("LockArgs(%v) = %q, want %q", c.e, got, c.want)
		}
		cfg := strings.Join(BackendConfig(environment.Target{Environment: "develop", StateKey: "develop/terraform.tfstate"}, c.e), " ")
		for _, w := range c.want {
			if !strings.Contains(cfg, w) {
				t.Errorf("BackendConfig with %v lacks %q: %s", c.e, w, cfg)
			}
		}
	}
}
