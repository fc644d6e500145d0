package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/environment"
)

// TestStateLockOverride: LOOKCARD_STATE_LOCK picks the lock mode whatever
// the engine; an unknown value is refused before the engine runs.
func TestStateLockOverride(t *testing.T) {
	tf111 := &engine.Engine{Name: "Terraform", Version: version.Must(version.NewVersion("1.11.4"))}
	for mode, want := range map[string]string{
		"dynamodb": "dynamodb_table=" + environment.LockTable,
		"lockfile": "use_lockfile=true",
		"both":     "dynamodb_table=" + environment.LockTable + " use_lockfile=true",
		"":         "use_lockfile=true",
	} {
		t.Setenv(EnvStateLock, mode)
		if got := strings.Join(LockArgs(tf111), " "); got != want {
			t.Errorf("%s=%q: LockArgs = %q, want %q", EnvStateLock, mode, got, want)
		}
		if err := checkStateLock(); err != nil {
			t.Errorf("%s=%q refused: %v", EnvStateLock, mode, err)
		}
	}
	t.Setenv(EnvStateLock, "DynamoDB")
	if err := checkStateLock(); err == nil || !strings.Contains(err.Error(), "use dynamodb, lockfile or both") {
		t.Errorf("checkStateLock with DynamoDB = %v", err)
	}
}

// TestExplainLock: the engine's lock error gets one closing paragraph naming
// the holder and the lock ID; a failed state write points at errored.tfstate.
func TestExplainLock(t *testing.T) {
	s := &session{target: environment.Target{Environment: "staging", StateKey: "staging/terraform.tfstate"}}
	s.layout.WorkDir = "/repo"
	lockErr := errors.New(`exit status 1

Error: Error acquiring the state lock

Error message: operation error DynamoDB: PutItem, ConditionalCheckFailedException
Lock Info:
  ID:        8a1c
  Path:      lookcard-terraform-state-staging/staging/terraform.tfstate
  Operation: OperationTypeApply
  Who:       ci@runner
  Version:   1.11.4
  Created:   2026-12-07 05:00:00.5 +0000 UTC
  Info:
`)
	got := explainLock(s, lockErr).Error()
	for _, want := range []string{"locked by ci@runner (lock ID 8a1c, OperationTypeApply, since 2026-12-07 05:00:00 UTC", "lookcard state locks --env staging"} {
		if !strings.Contains(got, want) {
			t.Errorf("explainLock lacks %q:\n%s", want, got)
		}
	}
	if !errors.Is(explainLock(s, lockErr), lockErr) {
		t.Error("explainLock drops the engine's error")
	}
	got = explainLock(s, errors.New(`Error: Failed to persist state to backend
... the state has been written to the file "errored.tfstate" ...`)).Error()
	if !strings.Contains(got, "lookcard state restore errored.tfstate --env staging") || !strings.Contains(got, "/repo/errored.tfstate") {
		t.Errorf("explainLock of a failed state write:\n%s", got)
	}
	other := errors.New("Error: Unsupported argument")
	if explainLock(s, other) != other {
		t.Error("explainLock changed an unrelated error")
	}
}
