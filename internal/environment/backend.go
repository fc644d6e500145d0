package environment

import "os"

// The S3 backend's names. bootstrap/ creates them once per account
// (bootstrap/main.tf's bucket_name local, variables.tf's lock_table_name
// default); `lookcard init` and `lookcard state` look them up here, and
// backend_test.go evaluates bootstrap's expressions against these, so the two
// cannot drift apart.
const (
	// LockTable is the DynamoDB lock table of every account.
	LockTable = "lookcard-terraform-locks"
	// StateBucketPrefix + the account's environment names its state bucket.
	StateBucketPrefix = "lookcard-terraform-state-"
	// DefaultRegion holds the state bucket, lock table and state key.
	DefaultRegion = "ap-southeast-1"
	// EnvStateBucket overrides the bucket name, for an account whose
	// bootstrap set state_bucket_name (the global name was taken).
	EnvStateBucket = "LOOKCARD_STATE_BUCKET"
)

// StateBucket is the state bucket of an environment's account: bootstrap's
// default, or $LOOKCARD_STATE_BUCKET when bootstrap was given another name.
func StateBucket(env string) string {
	if b := os.Getenv(EnvStateBucket); b != "" {
		return b
	}
	return StateBucketPrefix + env
}

// Region is the backend's region: $AWS_REGION, else DefaultRegion.
func Region() string {
	if r := os.Getenv("AWS_REGION"); r != "" {
		return r
	}
	return DefaultRegion
}

// LockFileKey is the S3 native lock file of a state key (use_lockfile):
// both engines write "<key>.tflock" next to the state.
func LockFileKey(stateKey string) string { return stateKey + ".tflock" }

// LockItemID is the DynamoDB lock item's LockID of a state ("<bucket>/<key>");
// the engines keep the state's MD5 digest under LockItemID + "-md5".
func LockItemID(bucket, stateKey string) string { return bucket + "/" + stateKey }
