package tfconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckInputLinks(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	decl := "variable \"name_prefix\" {\n  type = string\n}\n"
	must(os.MkdirAll(filepath.Join(root, "inputs"), 0o755))
	must(os.WriteFile(filepath.Join(root, "inputs", "name_prefix.tf"), []byte(decl), 0o644))
	for _, m := range []string{"linked", "copied", "elsewhere", "own", "resources", "none"} {
		must(os.MkdirAll(filepath.Join(root, m), 0o755))
	}
	must(os.Symlink("../inputs/name_prefix.tf", filepath.Join(root, "linked", "name_prefix.tf")))
	must(os.WriteFile(filepath.Join(root, "copied", "name_prefix.tf"), []byte(decl), 0o644))
	must(os.Symlink("../linked/name_prefix.tf", filepath.Join(root, "elsewhere", "name_prefix.tf")))
	// A module whose rule differs declares the variable in a file of its own;
	// a file that only shares the name declares no such variable.
	must(os.WriteFile(filepath.Join(root, "resources", "name_prefix.tf"), []byte("locals {\n  name_prefix = \"x\"\n}\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "own", "variables.tf"), []byte(decl), 0o644))

	problems, err := CheckInputLinks(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 2 || !strings.HasPrefix(problems[0], "copied/name_prefix.tf is a file, not a link to ../inputs/name_prefix.tf") ||
		!strings.HasPrefix(problems[1], "elsewhere/name_prefix.tf links to \"../linked/name_prefix.tf\"") {
		t.Fatalf("want the copy and the wrong link reported, got %q", problems)
	}

	if _, err := CheckInputLinks(filepath.Join(root, "none")); err == nil {
		t.Fatal("a tree without modules/inputs must be an error, not a pass")
	}
}

// TestRepositoryInputsAreLinks is the guard `make test` runs on modules/.
func TestRepositoryInputsAreLinks(t *testing.T) {
	problems, err := CheckInputLinks(filepath.Join("..", "..", "modules"))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("shared inputs copied instead of linked (modules/inputs/README.md):\n%s", strings.Join(problems, "\n"))
	}
}
