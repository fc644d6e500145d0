package remotestate

import (
	"testing"
	"time"
)

// The engines' lock error, as OpenTofu 1.10 and Terraform 1.11 print it.
const lockErr = `exit status 1

Error: Error acquiring the state lock

Error message: operation error S3: PutObject, https response error StatusCode: 412, PreconditionFailed
Lock Info:
  ID:        0c6f1d52-3c4e-7f43-52c5-5b8cfa5a7a51
  Path:      lookcard-terraform-state-develop/develop/terraform.tfstate
  Operation: OperationTypeApply
  Who:       ci@runner-7
  Version:   1.10.6
  Created:   2026-12-07 05:58:01.123456789 +0000 UTC
  Info:

Terraform acquires a state lock to protect the state from being written
by multiple users at the same time.`

func TestParseLockError(t *testing.T) {
	l, ok := ParseLockError(lockErr)
	if !ok {
		t.Fatal("no lock found")
	}
	want := Lock{ID: "0c6f1d52-3c4e-7f43-52c5-5b8cfa5a7a51", Path: "lookcard-terraform-state-develop/develop/terraform.tfstate",
		Operation: "OperationTypeApply", Who: "ci@runner-7", Version: "1.10.6",
		Created: time.Date(2026, 12, 7, 5, 58, 1, 123456789, time.UTC)}
	if !l.Created.Equal(want.Created) {
		t.Errorf("Created = %v, want %v", l.Created, want.Created)
	}
	l.Created = want.Created
	if l != want {
		t.Errorf("ParseLockError = %+v, want %+v", l, want)
	}
	if _, ok := ParseLockError("Error: Invalid provider configuration"); ok {
		t.Error("an unrelated error parsed as a lock error")
	}
}

// Read checks what S3 returns with ParseState, naming the object and version.
func TestParseState(t *testing.T) {
	for _, in := range []string{`{`, `{"version": 4}`, `{"lineage": "x"}`} {
		if _, err := ParseState([]byte(in), "s3://b/k version current"); err == nil || err.Error() != "s3://b/k version current is not a state file (no version and lineage)" {
			t.Errorf("ParseState(%s) = %v", in, err)
		}
	}
	s, err := ParseState([]byte(`{"version": 4, "serial": 7, "lineage": "l"}`), "x")
	if err != nil || s.Serial != 7 || s.Lineage != "l" || string(s.Raw) == "" {
		t.Errorf("ParseState = %+v, %v", s, err)
	}
}
