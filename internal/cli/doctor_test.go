package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/doctor/fakeaws"
)

// doctorRepo is a git checkout holding internal/doctor's fixture root
// module (sandbox tfvars, a two-service catalog).
func doctorRepo(t *testing.T) string {
	t.Helper()
	dir := repo(t, "develop", nil)
	src := filepath.Join("..", "doctor", "testdata", "repo")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// fakeAccount answers for the fixture's sandbox account, every check passing.
func fakeAccount(t *testing.T) *fakeaws.Server {
	t.Helper()
	f := fakeaws.New()
	t.Cleanup(f.Close)
	f.Account = "210000000005"
	f.CallerArn = "arn:aws:sts::210000000005:assumed-role/lookcard-sandbox-deploy/GitHubActions"
	f.Roles = []string{"lookcard-sandbox-deploy", "lookcard-sandbox-admin"}
	f.EngineVersions, f.Serverless = []string{"16.6", "16.8"}, []string{"16.6", "16.8"}
	f.ConcurrencyLimit, f.Unreserved = 1000, 1000
	f.Images = map[string][]string{"lookcard-sandbox/card-api": {"release-7"}, "lookcard-sandbox/web-app": {"release-7"}}
	f.Secrets = map[string][]string{"lookcard-sandbox/app/reap-api-key": {"AWSCURRENT"}}
	f.Token, f.TokenStatus = "cf-token", "active"

	noCredentials(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("LOOKCARD_AWS_ENDPOINT_URL", f.URL)
	t.Setenv("LOOKCARD_CLOUDFLARE_API_URL", f.URL+"/client/v4")
	t.Setenv("CLOUDFLARE_API_TOKEN", "cf-token")
	return f
}

func TestDoctorOfflineListsWhatItWouldCheck(t *testing.T) {
	noCredentials(t)
	dir := doctorRepo(t)
	code, out, errs := runCLI(t, "doctor", "-C", dir, "--env", "sandbox")
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errs)
	}
	for _, want := range []string{"OFFLINE doctor of sandbox", "nothing was checked", "caller ", "roles ", "aurora-engine ", "lambda-concurrency ",
		"ecr-images ", "cloudflare-token ", "secrets-seeded ", "Nothing was checked: no AWS or Cloudflare API was called."} {
		if !strings.Contains(out, want) {
			t.Errorf("offline listing lacks %q:\n%s", want, out)
		}
	}

	// --offline wins over credentials, and --json says nothing was checked.
	f := fakeAccount(t)
	code, out, _ = runCLI(t, "doctor", "-C", dir, "--env", "sandbox", "--offline", "--json", "--only", "roles")
	var got struct {
		Offline, Checked bool
		Checks           []struct{ Check, What string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if !got.Offline || got.Checked || len(got.Checks) != 1 || got.Checks[0].Check != "roles" {
		t.Errorf("offline JSON: %+v", got)
	}
	if calls := f.Calls(); len(calls) != 0 {
		t.Errorf("offline doctor called %v", calls)
	}
}

func TestDoctorAgainstTheFakeAccount(t *testing.T) {
	dir := doctorRepo(t)
	fakeAccount(t)
	code, out, errs := runCLI(t, "doctor", "-C", dir, "--env", "sandbox")
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errs)
	}
	for _, want := range []string{"Doctor of sandbox (stack sandbox, account 210000000005, ap-southeast-1)",
		"PASS  ecr-images          image tag release-7 is in all 2 repositories", "8 passed, 0 failed, 0 skipped."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestDoctorFailureExitsNonZeroWithTheFix(t *testing.T) {
	dir := doctorRepo(t)
	f := fakeAccount(t)
	f.Roles = []string{"lookcard-sandbox-deploy"} // the KMS administrator role is missing
	code, out, errs := runCLI(t, "doctor", "-C", dir, "--env", "sandbox")
	if code != ExitError {
		t.Fatalf("exit %d, want %d\n%s", code, ExitError, out)
	}
	for _, want := range []string{"FAIL  roles               role(s) lookcard-sandbox-admin do not exist in account 210000000005",
		"      fix: create lookcard-sandbox-admin with bootstrap/", "7 passed, 1 failed, 0 skipped."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "1 of 8 checks failed") {
		t.Errorf("stderr: %s", errs)
	}

	code, out, _ = runCLI(t, "doctor", "-C", dir, "--env", "sandbox", "--json")
	var got struct {
		Checked bool
		Results []struct{ Check, Status, Detail, Fix string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitError {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	for _, r := range got.Results {
		if (r.Check == "roles") != (r.Status == "FAIL") || (r.Status == "FAIL" && r.Fix == "") {
			t.Errorf("JSON result %+v", r)
		}
	}

	if code, _, errs := runCLI(t, "doctor", "-C", dir, "--only", "nope"); code != ExitError || !strings.Contains(errs, `unknown check "nope"`) {
		t.Errorf("--only nope: exit %d %s", code, errs)
	}
}
