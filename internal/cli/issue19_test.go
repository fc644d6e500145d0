package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// scriptEngine writes a fake engine: it answers `version` like OpenTofu
// 1.10.6, `get` and `init` with success, and runs body (sh, "$1" is the
// subcommand) for anything else.
func scriptEngine(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tofu")
	script := "#!/bin/sh\n" +
		"if [ \"$1\" = version ] && [ \"$2\" = -json ]; then echo '{\"terraform_version\":\"1.10.6\"}'; exit 0; fi\n" +
		"if [ \"$1\" = version ]; then echo 'OpenTofu v1.10.6'; exit 0; fi\n" +
		"if [ \"$1\" = get ] || [ \"$1\" = init ]; then exit 0; fi\n" + body + "\necho \"fake tofu: unexpected $*\" >&2; exit 3\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// offlineTools points an offline run at stand-in schemas and provider.
func offlineTools(t *testing.T, engine string) {
	t.Helper()
	schemas, providers := t.TempDir(), t.TempDir()
	for _, f := range []string{filepath.Join(schemas, "aws.json"), filepath.Join(schemas, "cloudflare.json")} {
		if err := os.WriteFile(f, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"terraform-provider-aws", "terraform-provider-cloudflare"} {
		if err := os.WriteFile(filepath.Join(providers, f), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("LOOKCARD_PROVIDER_SCHEMAS", schemas)
	t.Setenv("LOOKCARD_OFFLINE_PROVIDER_DIR", providers)
	t.Setenv("TF_CLI_CONFIG_FILE", "")
	t.Setenv("CHECKPOINT_DISABLE", "")
	t.Setenv("TOFU", engine)
}

func headCommit(t *testing.T, dir string) string {
	t.Helper()
	g, err := gitinfo.Read(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return g.Commit
}

// writeSavedPlan stands in for what `lookcard plan` saves; meta nil: none.
func writeSavedPlan(t *testing.T, l workspace.Layout, meta *planMeta) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(l.PlanFile), 0o755); err != nil {
		t.Fatal(err)
	}
	plan := `{"format_version": "1.2", "terraform_version": "1.10.6", "variables": {"environment": {"value": "develop"}}, "resource_changes": []}`
	for path, body := range map[string]string{l.PlanFile: "binary plan", l.PlanJSON: plan} {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if meta != nil {
		b, _ := json.Marshal(meta)
		if err := os.WriteFile(l.MetaFile(), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func detach(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("git", "-C", dir, "checkout", "-q", "--detach").CombinedOutput(); err != nil {
		t.Fatalf("git checkout --detach: %v\n%s", err, out)
	}
}

// A failed plan removes the previous run's files (so cost, check and graph
// cannot read them) and ends its standard output with a failure line after
// the engine's partial "Plan:" line.
func TestFailedPlanSavesNothing(t *testing.T) {
	noCredentials(t)
	dir := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop")})
	offlineTools(t, scriptEngine(t, `if [ "$1" = plan ]; then echo "Plan: 222 to add, 0 to change, 0 to destroy."; echo "Error: broken" >&2; exit 1; fi`))
	l := workspace.For(dir, "develop", true)
	writeSavedPlan(t, l, &planMeta{Environment: "develop", Stack: "develop", Commit: headCommit(t, dir), Offline: true, Created: time.Now()})

	code, stdout, stderr := runCLI(t, "plan", "-C", dir)
	if code != ExitError {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitError, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "PLAN FAILED — nothing saved") {
		t.Errorf("stdout must end with the failure line, ends with %q:\n%s", last, stdout)
	}
	if !strings.Contains(stdout, "Plan: 222 to add") {
		t.Errorf("the engine's output should still be shown (it explains the failure):\n%s", stdout)
	}
	for _, p := range []string{l.PlanFile, l.PlanJSON, l.MetaFile()} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s survived a failed plan", p)
		}
	}
	if code, _, stderr := runCLI(t, "graph", "-C", dir, "--format", "mermaid"); code != ExitError || !strings.Contains(stderr, "no saved offline plan for develop") {
		t.Errorf("after a failed plan graph must find no plan; exit %d: %s", code, stderr)
	}
}

// Ctrl-C: the engine gets one SIGINT, what it prints while stopping is
// dropped, and the command ends quickly with one "interrupted" line.
func TestInterruptedPlan(t *testing.T) {
	noCredentials(t)
	dir := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop")})
	offlineTools(t, scriptEngine(t, `if [ "$1" = plan ]; then
  trap 'kill $pid 2>/dev/null; i=0; while [ $i -lt 97 ]; do echo "Error: execution halted" >&2; i=$((i+1)); done; exit 1' INT
  echo "Plan: 5 to add, 0 to change, 0 to destroy."
  sleep 30 & pid=$!; wait $pid; exit 0
fi`))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(1500*time.Millisecond, cancel)
	var out, errb strings.Builder
	start := time.Now()
	code := Main(ctx, []string{"plan", "-C", dir}, &out, &errb)
	elapsed := time.Since(start)
	if code != ExitInterrupted {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitInterrupted, errb.String())
	}
	if elapsed > 1500*time.Millisecond+OfflineStopDelay+2*time.Second {
		t.Errorf("took %s to stop", elapsed)
	}
	if n := strings.Count(errb.String(), "lookcard: interrupted"); n != 1 {
		t.Errorf("want one interrupted line, got %d:\n%s", n, errb.String())
	}
	if !strings.Contains(errb.String(), "nothing was applied, state unchanged") {
		t.Errorf("the interrupted line must say nothing was applied:\n%s", errb.String())
	}
	if strings.Contains(errb.String()+out.String(), "execution halted") {
		t.Errorf("the engine's halt messages must not reach the user:\n%s", errb.String())
	}
	if !strings.Contains(out.String(), "PLAN INTERRUPTED — nothing saved") {
		t.Errorf("stdout must end with the interruption:\n%s", out.String())
	}
}

// apply --destroy shows the destroy plan and says DESTROY before it asks;
// the destroy plan is named apart from the plan.
func TestApplyShowsTheDestroyPlanBeforeAsking(t *testing.T) {
	noCredentials(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	dir := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop")})
	show := `{"format_version":"1.2","terraform_version":"1.10.6","resource_changes":[{"address":"module.iam.aws_iam_role.this","mode":"managed","type":"aws_iam_role","name":"this","change":{"actions":["delete"],"before":{},"after":null}}]}`
	t.Setenv("TOFU", scriptEngine(t, `if [ "$1" = show ]; then echo '`+show+`'; exit 0; fi`))
	l := workspace.For(dir, "develop", false).Destroy()
	if !strings.HasSuffix(l.PlanFile, "develop.destroy.tfplan") {
		t.Fatalf("destroy plans must be named apart, got %s", l.PlanFile)
	}
	writeSavedPlan(t, l, &planMeta{Environment: "develop", Stack: "develop", Commit: headCommit(t, dir), Destroy: true, Created: time.Now()})

	code, stdout, stderr := runCLI(t, "apply", "-C", dir, "--destroy")
	if code != ExitError || !strings.Contains(stderr, "no confirmation given; nothing was changed") {
		t.Fatalf("with no one to confirm, apply must stop; exit %d: %s", code, stderr)
	}
	for _, want := range []string{"module.iam.aws_iam_role.this", "DESTROY: this plan DESTROYS the resources of develop", `Type "develop" to DESTROY develop: `} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout must show %q before asking:\n%s", want, stdout)
		}
	}
	if i, j := strings.Index(stdout, "module.iam.aws_iam_role.this"), strings.Index(stdout, "Type "); i < 0 || j < i {
		t.Errorf("the summary must come before the question:\n%s", stdout)
	}
}

// Readers print which plan they read.
func TestReadersSayWhichPlanTheyRead(t *testing.T) {
	noCredentials(t)
	dir := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop")})
	writeSavedPlan(t, workspace.For(dir, "develop", true), &planMeta{Environment: "develop", Stack: "develop",
		Commit: headCommit(t, dir), Offline: true, Created: time.Now().Add(-90 * time.Minute)})
	code, _, stderr := runCLI(t, "graph", "-C", dir, "--format", "mermaid")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "Reading the offline plan of develop: commit " + headCommit(t, dir)[:12] + ", made 1h30m0s ago (.lookcard/plans/develop.offline.json)."
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr must say %q, got: %s", want, stderr)
	}
}

// docs says so when everything is current, instead of printing nothing.
func TestDocsSaysWhenCurrent(t *testing.T) {
	noCredentials(t)
	dir := repo(t, "develop", nil)
	src, _ := filepath.Abs(filepath.Join("..", ".."))
	entries, _ := filepath.Glob(filepath.Join(src, "*.tf"))
	more, _ := filepath.Glob(filepath.Join(src, "terraform.*.tfvars.json"))
	entries = append(append(entries, more...), filepath.Join(src, "README.md"), filepath.Join(src, "catalog"), filepath.Join(src, "modules"), filepath.Join(src, "docs"))
	if out, err := exec.Command("cp", append(append([]string{"-r"}, entries...), dir)...).CombinedOutput(); err != nil {
		t.Fatalf("copying the repository: %v\n%s", err, out)
	}
	if code, _, stderr := runCLI(t, "docs", "-C", dir); code != 0 {
		t.Fatalf("docs: exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{{"docs", "-C", dir}, {"docs", "-C", dir, "--check"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || !strings.Contains(stdout, "Generated documentation is current") {
			t.Errorf("%v on current docs must say so; exit %d, printed %q %s", args, code, stdout, stderr)
		}
	}
}

// check --all reads the session's mode only, names a preview's stale plan
// and skips it, and refuses an environment's stale plan.
func TestCheckAllUsesTheLookup(t *testing.T) {
	dir := t.TempDir()
	s := &session{git: gitinfo.Info{Root: dir, Commit: "abc"}, offline: true}
	meta := func(stack, commit string) *planMeta {
		return &planMeta{Environment: "develop", Stack: stack, Commit: commit, Offline: true, Created: time.Now()}
	}
	writeSavedPlan(t, workspace.For(dir, "develop", true), meta("develop", "abc"))
	writeSavedPlan(t, workspace.For(dir, "sandbox-old-1234abcd", true), meta("sandbox-old-1234abcd", "old"))
	writeSavedPlan(t, workspace.For(dir, "staging", false), &planMeta{Environment: "staging", Stack: "staging", Commit: "abc"}) // online: another mode
	writeSavedPlan(t, workspace.For(dir, "testing", true).Destroy(), meta("testing", "abc"))                                    // a destroy plan
	var notes strings.Builder
	files, err := checkPlanFiles(&notes, s, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || filepath.Base(files[0]) != "develop.offline.json" {
		t.Errorf("want only develop's offline plan, got %v", files)
	}
	if !strings.Contains(notes.String(), "Skipping the preview sandbox-old-1234abcd: the saved offline plan of sandbox-old-1234abcd was made from commit old") {
		t.Errorf("the stale preview must be named: %s", notes.String())
	}
	writeSavedPlan(t, workspace.For(dir, "production", true), &planMeta{Environment: "production", Stack: "production", Commit: "old", Offline: true})
	if _, err := checkPlanFiles(&notes, s, true); err == nil || !strings.Contains(err.Error(), "plan of production was made from commit old") {
		t.Errorf("an environment's stale plan must be refused, got %v", err)
	}
}
