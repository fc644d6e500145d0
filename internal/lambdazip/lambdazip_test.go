package lambdazip

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rebuild every modules/*/function.zip from its sources")

// functions are the repository's Lambda source directories.
func functions(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob("../../modules/*/function")
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// TestPackagesAreCurrent is the staleness check of the committed packages:
// `go test ./internal/lambdazip -update` rebuilds them.
func TestPackagesAreCurrent(t *testing.T) {
	for _, dir := range functions(t) {
		pkg := filepath.Join(filepath.Dir(dir), "function.zip")
		if *update {
			b, err := Build(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(pkg, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		diffs, err := Diff(pkg, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(diffs) > 0 {
			t.Errorf("%s is stale (%s): run go test ./internal/lambdazip -update and commit it", pkg, strings.Join(diffs, "; "))
		}
	}
}

// TestFunctionUnitTests runs each function's Python unit tests
// (function/test_*.py, standard library only).
func TestFunctionUnitTests(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			t.Fatal("python3 is needed for the Lambda functions' unit tests (LOOKCARD_REQUIRE_TOOLS=1)")
		}
		t.Skip("python3 not installed")
	}
	for _, dir := range functions(t) {
		cmd := exec.Command(py, "-B", "-m", "unittest", "discover", "-s", ".", "-p", "test_*.py")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s: python unit tests failed: %v\n%s", dir, err, out)
			continue
		}
		if !bytes.Contains(out, []byte("OK")) || bytes.Contains(out, []byte("Ran 0 tests")) {
			t.Errorf("%s: no passing unit tests ran:\n%s", dir, out)
		}
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for n, body := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBuildIsDeterministicAndLeavesTestsOut(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.py": "def handler(e, c):\n    pass\n", "util.py": "X = 1\n", "test_index.py": "import unittest\n", "README.md": "x"})
	a, err := Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same sources differ")
	}
	pkg := filepath.Join(t.TempDir(), "function.zip")
	if err := os.WriteFile(pkg, a, 0o644); err != nil {
		t.Fatal(err)
	}
	if diffs, err := Diff(pkg, dir); err != nil || len(diffs) > 0 {
		t.Fatalf("a fresh package must match its sources: %v %v", diffs, err)
	}
	// Change a source: the package is stale and says which file.
	writeFiles(t, dir, map[string]string{"util.py": "X = 2\n", "new.py": ""})
	diffs, err := Diff(pkg, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"new.py is not in the package", "util.py in the package differs from the source"}
	if strings.Join(diffs, "|") != strings.Join(want, "|") {
		t.Fatalf("diffs = %q, want %q", diffs, want)
	}
}

func TestErrorsNameWhatIsWrong(t *testing.T) {
	empty := t.TempDir()
	if _, err := Build(empty); err == nil || !strings.Contains(err.Error(), "holds no function source") {
		t.Fatalf("an empty directory must be refused clearly, got %v", err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.py": ""})
	if _, err := Diff(filepath.Join(dir, "missing.zip"), dir); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a missing package must be reported, got %v", err)
	}
}
