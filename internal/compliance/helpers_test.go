package compliance

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/lookcard/infrastructure/policies"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testNow is "today" for the tests (exceptions in policies/exceptions.yaml
// must hold on it).
var testNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

var (
	loadOnce sync.Once
	loaded   *Policies
	loadErr  error
)

// loadPolicies compiles the repository's policies once for the package.
func loadPolicies(t testing.TB) *Policies {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = Load(context.Background(), policies.FS) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

// golden compares got with testdata/<name>, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/compliance -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update if the change is intended):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows where two texts part.
func firstDiff(want, got string) string {
	wl, gl := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + string(w) + "\n  got: " + string(g)
		}
	}
	return "(no difference)"
}
