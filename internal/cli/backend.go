package cli

import (
	"os"

	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/environment"
)

// EnvStateKMSKey names the KMS key ARN of the state bucket (bootstrap output).
const EnvStateKMSKey = "LOOKCARD_STATE_KMS_KEY_ARN"

// EnvStateLock overrides the lock mode LockArgs picks: "dynamodb",
// "lockfile" or "both" (README "Running against real AWS", step 6). A team
// that mixes engines sets it so all of them take the same lock.
const EnvStateLock = "LOOKCARD_STATE_LOCK"

// LockArgs are the S3 backend's locking settings for engine e (nil: not
// known yet; $LOOKCARD_STATE_LOCK overrides). Every engine that has S3 native locking (OpenTofu >= 1.10.2,
// Terraform >= 1.10) takes the lock file; every engine up to Terraform 1.10
// also takes the DynamoDB lock, so old and new engines still see each
// other's locks. Terraform >= 1.11 deprecates the DynamoDB lock (a warning on
// every run) and takes the lock file only: it and engines older than 1.10 do
// not see each other's locks, so a team does not mix those two on one state.
func LockArgs(e *engine.Engine) []string {
	table := "dynamodb_table=" + environment.LockTable
	switch os.Getenv(EnvStateLock) {
	case "dynamodb":
		return []string{table}
	case "lockfile":
		return []string{"use_lockfile=true"}
	case "both":
		return []string{table, "use_lockfile=true"}
	}
	if e == nil || e.Version == nil {
		return []string{table}
	}
	v := e.Version.Segments()
	atLeast := func(major, minor int) bool { return v[0] > major || v[0] == major && v[1] >= minor }
	switch {
	case e.Name == "Terraform" && atLeast(1, 11):
		return []string{"use_lockfile=true"}
	case e.Name == "Terraform" && atLeast(1, 10),
		// OpenTofu encrypts the lock file with the state key from 1.10.2.
		e.Name != "Terraform" && (atLeast(1, 11) || atLeast(1, 10) && len(v) > 2 && v[2] >= 2):
		return []string{table, "use_lockfile=true"}
	}
	return []string{table}
}

// BackendConfig is the S3 backend of a target: one bucket and lock table per
// account, the state key from the branch, locking as engine e supports it
// (see LockArgs; nil: the DynamoDB table).
func BackendConfig(t environment.Target, e ...*engine.Engine) []string {
	profile := os.Getenv("AWS_PROFILE")
	if profile == "" {
		profile = engine.DefaultProfile
	}
	cfg := []string{
		"bucket=" + environment.StateBucket(t.Environment),
		"key=" + t.StateKey,
		"region=" + environment.Region(),
		"encrypt=true",
	}
	var eng *engine.Engine
	if len(e) > 0 {
		eng = e[0]
	}
	cfg = append(cfg, LockArgs(eng)...)
	// The state bucket's policy admits only writes encrypted with its own
	// key (bootstrap's kms_key_arn output).
	if k := os.Getenv(EnvStateKMSKey); k != "" {
		cfg = append(cfg, "kms_key_id="+k)
	}
	if os.Getenv("AWS_ACCESS_KEY_ID") == "" && os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == "" {
		cfg = append(cfg, "profile="+profile)
	}
	return cfg
}
