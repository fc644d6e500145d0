package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewAndDriftRefuseBadInput: each refusal is one clear line and
// exit 1, before any engine runs or anything is posted.
func TestReviewAndDriftRefuseBadInput(t *testing.T) {
	noCredentials(t)
	t.Setenv("GITHUB_TOKEN", "")
	dir := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop")})
	notReport := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(notReport, []byte(`{"hello": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"review", "-C", dir}, "--base is required"},
		{[]string{"review", "-C", dir, "--base", "no-such-ref"}, "--base no-such-ref is not a commit of this repository"},
		{[]string{"review", "-C", dir, "--base", "HEAD", "--format", "html"}, `unknown --format "html"`},
		{[]string{"review", "-C", dir, "--base", "HEAD", "--all", "--env", "develop"}, "--all reviews every environment: drop --env"},
		{[]string{"review", "-C", dir, "--base", "HEAD", "--post"}, "--post needs --pr"},
		{[]string{"review", "-C", dir, "--base", "HEAD", "--post", "--pr", "3"}, "posting to GitHub needs GITHUB_TOKEN"},
		{[]string{"review", "post", "--report", notReport, "--pr", "3"}, "is not a review written by `lookcard review --output-dir`"},
		{[]string{"review", "post", "--pr", "3"}, "review post needs --report"},
		{[]string{"drift", "-C", dir, "--env", "develop"}, "drift compares the code with the real state of develop and cannot run offline"},
		{[]string{"drift", "post", "--report", notReport}, "is not a result of `lookcard drift --output`"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != ExitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("lookcard %s: exit %d, stderr %q; want exit 1 and %q", strings.Join(tc.args, " "), code, stderr, tc.want)
		}
	}
}

// TestDriftAgainstAFakeEngine: drift plans with -detailed-exitcode apart
// from the saved plan, lists what drifted, exits 2 on drift and 0 without,
// and --report-issue opens the environment's issue through GitHub's API.
func TestDriftAgainstAFakeEngine(t *testing.T) {
	noCredentials(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAFAKE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fake")
	t.Setenv(EnvStateKMSKey, "arn:aws:kms:ap-southeast-1:123456789012:key/fake")
	dir := repo(t, "develop", map[string]string{"terraform.develop.tfvars.json": goodVars("develop"), "variables.tf": testVariables})
	plans := t.TempDir()
	drifted := `{"format_version": "1.2", "resource_drift": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "change": {"actions": ["update"]}}],
	  "resource_changes": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "change": {"actions": ["update"]}}]}`
	for name, body := range map[string]string{"drift.json": drifted, "clean.json": `{"format_version": "1.2"}`} {
		if err := os.WriteFile(filepath.Join(plans, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("TOFU", scriptEngine(t, `
if [ "$1" = plan ]; then
  case "$*" in *-detailed-exitcode*) ;; *) echo "plan without -detailed-exitcode" >&2; exit 9;; esac
  case "$*" in *develop.drift.tfplan*) ;; *) echo "plan not apart from the saved plan: $*" >&2; exit 9;; esac
  [ "$(cat "$FAKE_PLAN")" = '{"format_version": "1.2"}' ] && exit 0
  exit 2
fi
if [ "$1" = show ]; then cat "$FAKE_PLAN"; exit 0; fi`))

	var issues []map[string]any
	gh := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/repos/lookcard/infrastructure/issues":
			w.Write([]byte("[]"))
		case r.Method == http.MethodPost && r.URL.Path == "/repos/lookcard/infrastructure/issues":
			var in map[string]any
			json.NewDecoder(r.Body).Decode(&in)
			issues = append(issues, in)
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"number": 5}`))
		default:
			http.Error(w, `{"message": "Not Found"}`, http.StatusNotFound)
		}
	}))
	defer gh.Close()
	t.Setenv("GITHUB_API_URL", gh.URL)
	t.Setenv("GITHUB_REPOSITORY", "lookcard/infrastructure")
	t.Setenv("GITHUB_TOKEN", "t")

	t.Setenv("FAKE_PLAN", filepath.Join(plans, "drift.json"))
	out := filepath.Join(t.TempDir(), "drift.json")
	code, stdout, stderr := runCLI(t, "drift", "-C", dir, "--env", "develop", "--output", out, "--report-issue")
	if code != ExitChanges || !strings.Contains(stdout, "DRIFT in develop") || !strings.Contains(stdout, "aws_s3_bucket.b") {
		t.Fatalf("drift: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if len(issues) != 1 || !strings.Contains(issues[0]["body"].(string), "aws_s3_bucket.b") || !strings.Contains(stderr, "#5 created") {
		t.Errorf("issues opened = %v (stderr %s), want one naming the drifted bucket", issues, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), `"changed_outside"`) {
		t.Errorf("--output: %v %s", err, b)
	}

	t.Setenv("FAKE_PLAN", filepath.Join(plans, "clean.json"))
	if code, stdout, stderr := runCLI(t, "drift", "-C", dir, "--env", "develop"); code != ExitOK || !strings.Contains(stdout, "No drift") {
		t.Errorf("no drift: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
}
