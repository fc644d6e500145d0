package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// The plan files of a stack are named here only; each kind apart from the
// others, so no reader or apply takes one for another.
func TestPlanNames(t *testing.T) {
	l := For("/r", "develop", true)
	got := []string{l.PlanFile, l.PlanJSON, l.MetaFile(), l.Destroy().PlanFile, l.Destroy().PlanJSON, l.Drift().PlanJSON,
		For("/r", "develop", false).PlanJSON, ForRehearsal("/r", "develop").StateFile}
	want := []string{"/r/.lookcard/plans/develop.offline.tfplan", "/r/.lookcard/plans/develop.offline.json",
		"/r/.lookcard/plans/develop.offline.meta.json", "/r/.lookcard/plans/develop.offline.destroy.tfplan",
		"/r/.lookcard/plans/develop.offline.destroy.json", "/r/.lookcard/plans/develop.offline.drift.json",
		"/r/.lookcard/plans/develop.json", "/r/.lookcard/rehearsal/develop/terraform.tfstate"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names:\n got %q\nwant %q", got, want)
	}
	for path, stack := range map[string]string{l.PlanJSON: "develop", "x/sandbox-feat.json": "sandbox-feat"} {
		if s := StackOfPlan(path); s != stack {
			t.Errorf("StackOfPlan(%s) = %s, want %s", path, s, stack)
		}
	}
}

func TestSavedStacks(t *testing.T) {
	root := t.TempDir()
	if s, err := SavedStacks(root, true); err != nil || len(s) != 0 {
		t.Fatalf("no plans directory: %v, %v", s, err)
	}
	dir := PlansDir(root)
	if err := os.MkdirAll(filepath.Join(dir, "sub.offline.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"develop.offline.json", "develop.offline.meta.json", "staging.offline.json", "staging.json",
		"testing.offline.destroy.json", "testing.rehearsal.json", "production.offline.tfplan"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for offline, want := range map[bool][]string{true: {"develop", "staging"}, false: {"staging"}} {
		got, err := SavedStacks(root, offline)
		sort.Strings(got)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("SavedStacks(offline=%v) = %v, %v; want %v", offline, got, err, want)
		}
	}
}

// A rehearsal's state must not be where the engine's default local backend
// looks (<mirror>/terraform.tfstate): init would offer to migrate it into
// the http backend serving that very file and then erase it.
func TestRehearsalStateOutsideTheMirror(t *testing.T) {
	l := ForRehearsal("/r", "sandbox")
	if filepath.Dir(l.StateFile) == l.WorkDir {
		t.Fatalf("the rehearsal state %s sits in the mirror %s", l.StateFile, l.WorkDir)
	}
}

// WriteBackend gives the mirror its backend.tf, which a later PrepareOffline
// keeps, and clears what the old mirror left beside the state.
func TestWriteBackend(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"main.tf", BackendFile} {
		if err := os.WriteFile(filepath.Join(root, f), []byte("# "+f+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := ForRehearsal(root, "sandbox")
	stateDir := filepath.Dir(l.StateFile)
	if err := os.MkdirAll(filepath.Join(stateDir, ".terraform", "modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "main.tf"), filepath.Join(stateDir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(l.StateFile, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := PrepareOffline(l); err != nil {
		t.Fatal(err)
	}
	block := "terraform {\n  backend \"http\" {}\n}\n"
	if err := WriteBackend(l, block); err != nil {
		t.Fatal(err)
	}
	if err := PrepareOffline(l); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(l.WorkDir, BackendFile)); err != nil || string(b) != block {
		t.Fatalf("the mirror's backend.tf holds %q (%v), want the rehearsal's block", b, err)
	}
	if _, err := os.Lstat(filepath.Join(l.WorkDir, "main.tf")); err != nil {
		t.Fatalf("main.tf is not linked into the mirror: %v", err)
	}
	for _, gone := range []string{"main.tf", ".terraform"} {
		if _, err := os.Lstat(filepath.Join(stateDir, gone)); !os.IsNotExist(err) {
			t.Errorf("the old mirror's %s survived beside the state: %v", gone, err)
		}
	}
	if _, err := os.Stat(l.StateFile); err != nil {
		t.Fatalf("the state itself must survive: %v", err)
	}
	if err := WriteBackend(Layout{Root: root, WorkDir: root}, block); err == nil {
		t.Fatal("a backend file written into the repository root")
	}
}
