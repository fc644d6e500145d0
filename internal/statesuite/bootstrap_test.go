package statesuite

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lookcard/infrastructure/internal/cli"
	"github.com/lookcard/infrastructure/internal/environment"
)

// Every account's bootstrap/ is applied offline (once per test binary and
// account, suite.account): the state bucket, lock table and state key on the
// servers are what that apply produced, not what the naming functions say.
// appliedAccount is the one the bootstrap-specific tests below use.
const appliedAccount = "develop"

// bootstrapped is what an offline apply of bootstrap/ produced for one
// account, read from the outputs (bootstrap/outputs.tf) of the state it left.
type bootstrapped struct {
	account     string
	stateBucket string
	lockTable   string
	kmsKeyARN   string
	// backend is the backend_config output: the S3 backend settings with
	// DynamoDB locking that bootstrap/ tells every operator to use.
	backend map[string]any
}

// applies caches bootstrap/'s offline applies for the test binary, by
// account and state_bucket_name.
var applies = struct {
	sync.Mutex
	done map[string]*bootstrapped
}{done: map[string]*bootstrapped{}}

// applyBootstrap applies bootstrap/ for account offline, through the code
// path of `lookcard check --bootstrap` (cli.ApplyBootstrapOffline: the
// account's tfvars, the offline provider, a local state), and reads its
// outputs. bucketName, when set, is bootstrap's state_bucket_name (the
// override for a taken global name, TF_VAR_state_bucket_name). It runs in a
// throwaway copy of the repository (links to bootstrap/, modules/, bin/ and
// the tfvars), so that it never touches the checkout's .lookcard/, and once
// per test binary for each (account, bucketName). A bucketName is set with
// t.Setenv: only a test that is not parallel may pass one.
func applyBootstrap(t *testing.T, root, account, bucketName string) *bootstrapped {
	t.Helper()
	applies.Lock()
	defer applies.Unlock()
	key := account + "/" + bucketName
	if b, ok := applies.done[key]; ok {
		return b
	}
	provider := filepath.Join(root, "bin", "providers", "terraform-provider-aws")
	if d := os.Getenv("LOOKCARD_OFFLINE_PROVIDER_DIR"); d != "" {
		provider = filepath.Join(d, "terraform-provider-aws")
	}
	if _, err := os.Stat(provider); err != nil || os.Getenv("LOOKCARD_PROVIDER_SCHEMAS") == "" {
		msg := "applying bootstrap/ offline needs the offline provider (make tools) and LOOKCARD_PROVIDER_SCHEMAS"
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	copyRoot := t.TempDir()
	links := []string{"bootstrap", "modules", "bin", "terraform." + account + ".tfvars.json"}
	for _, name := range links {
		if err := os.Symlink(filepath.Join(root, name), filepath.Join(copyRoot, name)); err != nil {
			t.Fatal(err)
		}
	}
	if bucketName != "" {
		// Not a -var of planBootstrap: the engine reads it from the
		// environment it inherits. Callers are not parallel tests.
		t.Setenv("TF_VAR_state_bucket_name", bucketName)
	}
	start := time.Now()
	state, err := cli.ApplyBootstrapOffline(context.Background(), io.Discard, copyRoot, account, "")
	took := time.Since(start)
	if bucketName != "" {
		os.Unsetenv("TF_VAR_state_bucket_name")
	}
	if err != nil {
		t.Fatalf("applying bootstrap/ offline for the %s account: %v", account, err)
	}
	b, err := readBootstrapState(state)
	if err != nil {
		t.Fatal(err)
	}
	b.account = account
	t.Logf("bootstrap/ applied offline for the %s account in %s: bucket %s, lock table %s, key %s",
		account, took.Round(100*time.Millisecond), b.stateBucket, b.lockTable, b.kmsKeyARN)
	applies.done[key] = b
	return b
}

// readBootstrapState reads bootstrap/'s outputs from the state its apply left.
func readBootstrapState(path string) (*bootstrapped, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading bootstrap's state: %w", err)
	}
	var st struct {
		Outputs map[string]struct {
			Value json.RawMessage `json:"value"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("reading bootstrap's state %s: %w", path, err)
	}
	b := &bootstrapped{}
	for name, into := range map[string]any{
		"state_bucket": &b.stateBucket, "lock_table": &b.lockTable,
		"kms_key_arn": &b.kmsKeyARN, "backend_config": &b.backend,
	} {
		o, ok := st.Outputs[name]
		if !ok {
			return nil, fmt.Errorf("bootstrap's state %s has no output %s (bootstrap/outputs.tf)", path, name)
		}
		if err := json.Unmarshal(o.Value, into); err != nil {
			return nil, fmt.Errorf("bootstrap's output %s in %s: %w", name, path, err)
		}
	}
	if b.stateBucket == "" || b.lockTable == "" || !strings.HasPrefix(b.kmsKeyARN, "arn:") {
		return nil, fmt.Errorf("bootstrap's state %s has empty or unknown outputs: state_bucket %q, lock_table %q, kms_key_arn %q",
			path, b.stateBucket, b.lockTable, b.kmsKeyARN)
	}
	return b, nil
}

// parseBackendConfig turns -backend-config "name=value" arguments (what
// cli.BackendConfig computes for `lookcard init`) into a map.
func parseBackendConfig(args []string) map[string]any {
	m := map[string]any{}
	for _, kv := range args {
		k, v, _ := strings.Cut(kv, "=")
		switch v {
		case "true":
			m[k] = true
		case "false":
			m[k] = false
		default:
			m[k] = v
		}
	}
	return m
}

// matches is nil when a backend configuration (from, e.g. "lookcard init
// --env develop") names exactly what bootstrap/ created for its account:
// its bucket, region and state key, encryption, and, when it locks with
// DynamoDB, its lock table. Otherwise it names both sides of each mismatch.
func (b *bootstrapped) matches(from string, got map[string]any) error {
	want := map[string]any{
		"bucket":     b.stateBucket,
		"region":     b.backend["region"],
		"encrypt":    b.backend["encrypt"],
		"kms_key_id": b.kmsKeyARN,
	}
	// The engine records every backend attribute, null when unset.
	if got["dynamodb_table"] != nil {
		want["dynamodb_table"] = b.lockTable
	}
	what := map[string]string{
		"bucket": "state bucket", "region": "region", "encrypt": "encrypt",
		"kms_key_id": "state key (kms_key_id)", "dynamodb_table": "lock table (dynamodb_table)",
	}
	var bad []string
	for k, w := range want {
		switch g := got[k]; {
		case g == nil:
			bad = append(bad, fmt.Sprintf("%s gives no %s; bootstrap/ created %q", from, what[k], fmt.Sprint(w)))
		case g != w:
			bad = append(bad, fmt.Sprintf("%s gives %s %q; bootstrap/ created %q", from, what[k], fmt.Sprint(g), fmt.Sprint(w)))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return fmt.Errorf("the backend does not name what bootstrap/ applied for the %s account created:\n  %s",
		b.account, strings.Join(bad, "\n  "))
}

// initialized is the backend configuration `lookcard init` gave the engine,
// as the engine recorded it in .terraform/terraform.tfstate.
func (r *repo) initialized() map[string]any {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(r.dir, ".terraform", "terraform.tfstate"))
	if err != nil {
		r.t.Fatal(err)
	}
	var backend struct {
		Backend struct {
			Config map[string]any
		}
	}
	if err := json.Unmarshal(b, &backend); err != nil {
		r.t.Fatal(err)
	}
	return backend.Backend.Config
}

// account creates env's state bucket and lock table on the servers and
// returns the state key ARN to configure the backend with (newRepo's
// LOOKCARD_STATE_KMS_KEY_ARN for env from then on): exactly what the
// offline apply of bootstrap/ for env's account produced.
func (s *suite) account(t *testing.T, env string) string {
	t.Helper()
	b := applyBootstrap(t, s.root, env, "")
	s.srv.bootstrap(t, b.stateBucket, b.lockTable)
	s.keys.Store(env, b.kmsKeyARN)
	return b.kmsKeyARN
}

// TestInitFindsAppliedBootstrap: bootstrap/ applied offline for the develop
// account; the servers hold exactly the bucket and lock table it created;
// `lookcard init` for develop, configured with its kms_key_arn output as an
// operator does, finds them and gives the engine exactly bootstrap's names,
// with either lock mode.
func TestInitFindsAppliedBootstrap(t *testing.T) {
	s := setup(t)
	b := applyBootstrap(t, s.root, appliedAccount, "")
	s.srv.bootstrap(t, b.stateBucket, b.lockTable)
	for _, mode := range []string{"dynamodb", "lockfile"} {
		r := s.newRepo(t, s.tofu, mode, appliedAccount, "")
		r.setenv(cli.EnvStateKMSKey, b.kmsKeyARN)
		out := r.must("init")
		contains(t, "init "+appliedAccount+" ("+mode+")", out, "Successfully configured the backend")
		got := r.initialized()
		if err := b.matches("lookcard init --env "+appliedAccount, got); err != nil {
			t.Errorf("%s: %v", mode, err)
		}
		if (got["dynamodb_table"] != nil) != (mode == "dynamodb") {
			t.Errorf("%s: init configured dynamodb_table = %v", mode, got["dynamodb_table"])
		}
	}
}

// TestBootstrapMismatchCaught: when the backend names something other than
// what bootstrap/ created, the check fails naming both sides: bootstrap
// applied with its own state_bucket_name override while the CLI is not told
// (LOOKCARD_STATE_BUCKET), the CLI configured for another account, and
// another state key. Told, the CLI agrees and `lookcard init` finds the
// overridden bucket.
func TestBootstrapMismatchCaught(t *testing.T) {
	s := setup(t)
	const bucket = "lookcard-state-develop-elsewhere"
	b := applyBootstrap(t, s.root, appliedAccount, bucket)
	if b.stateBucket != bucket {
		t.Fatalf("bootstrap/ with state_bucket_name = %q created the bucket %q", bucket, b.stateBucket)
	}
	t.Setenv(environment.EnvStateBucket, "")
	t.Setenv(cli.EnvStateLock, "dynamodb")
	t.Setenv(cli.EnvStateKMSKey, b.kmsKeyARN)
	t.Setenv("AWS_REGION", region)
	config := func(env string) map[string]any {
		return parseBackendConfig(cli.BackendConfig(environment.Target{Environment: env, StateKey: env + "/terraform.tfstate"}))
	}

	// The CLI is not told about the override: it names the default bucket.
	err := b.matches("lookcard init --env develop", config("develop"))
	if err == nil {
		t.Fatalf("a backend naming %s passed against bootstrap's %s", environment.StateBucket("develop"), bucket)
	}
	for _, want := range []string{bucket, "lookcard-terraform-state-develop", "state bucket"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the mismatch error does not name %q:\n%v", want, err)
		}
	}
	t.Logf("caught: %v", err)

	// The CLI configured for another account (another account_name).
	t.Setenv(environment.EnvStateBucket, bucket)
	if err := b.matches("lookcard init --env develop", config("develop")); err != nil {
		t.Errorf("with %s=%s: %v", environment.EnvStateBucket, bucket, err)
	}
	t.Setenv(environment.EnvStateBucket, "")
	if err := b.matches("lookcard init --env testing", config("testing")); err == nil ||
		!strings.Contains(err.Error(), "lookcard-terraform-state-testing") || !strings.Contains(err.Error(), bucket) {
		t.Errorf("the testing account's backend against develop's bootstrap: %v", err)
	}

	// Another state key, or none.
	t.Setenv(cli.EnvStateKMSKey, kmsKey)
	if err := b.matches("lookcard init --env develop", config("develop")); err == nil ||
		!strings.Contains(err.Error(), kmsKey) || !strings.Contains(err.Error(), b.kmsKeyARN) {
		t.Errorf("a backend with another state key: %v", err)
	}
	t.Setenv(cli.EnvStateKMSKey, "")
	if err := b.matches("lookcard init --env develop", config("develop")); err == nil ||
		!strings.Contains(err.Error(), "gives no state key") {
		t.Errorf("a backend without a state key: %v", err)
	}

	// End to end: the servers hold only what bootstrap created. Not told,
	// init fails on the bucket it names; told, it finds bootstrap's.
	s.srv.bootstrap(t, b.stateBucket, b.lockTable)
	r := s.newRepo(t, s.tofu, "dynamodb", appliedAccount, "")
	r.setenv(cli.EnvStateKMSKey, b.kmsKeyARN)
	if out, err := r.run("init"); err == nil {
		t.Errorf("init found %s, which bootstrap did not create:\n%s", environment.StateBucketPrefix+appliedAccount, out)
	}
	r.setenv(environment.EnvStateBucket, bucket)
	contains(t, "init told the bucket", r.must("init"), "Successfully configured the backend")
	if err := b.matches("lookcard init --env develop", r.initialized()); err != nil {
		t.Error(err)
	}
}
