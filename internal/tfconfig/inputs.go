package tfconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// InputsDir is the directory, under modules/, that declares the inputs
// several modules share (modules/inputs/README.md).
const InputsDir = "inputs"

// CheckInputLinks reports every module file under modulesDir that has the
// name of a shared input (modules/inputs/<name>.tf) but is not a link to it.
// Such a file is a copy: an editor or `sed -i` that writes through a link
// replaces it with a file, and the copy then drifts from the one
// declaration silently. A module that declares the variable in a file of
// another name keeps its own rule on purpose and is not reported.
func CheckInputLinks(modulesDir string) ([]string, error) {
	shared, err := filepath.Glob(filepath.Join(modulesDir, InputsDir, "*.tf"))
	if err != nil {
		return nil, err
	}
	if len(shared) == 0 {
		return nil, fmt.Errorf("no shared inputs in %s", filepath.Join(modulesDir, InputsDir))
	}
	dirs, err := os.ReadDir(modulesDir)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", modulesDir, err)
	}
	var problems []string
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == InputsDir {
			continue
		}
		for _, s := range shared {
			name := filepath.Base(s)
			path := filepath.Join(modulesDir, d.Name(), name)
			want := filepath.Join("..", InputsDir, name)
			fi, err := os.Lstat(path)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if fi.Mode()&fs.ModeSymlink == 0 {
				// A file of the module's own that happens to share the name
				// (app-runner's logs.tf holds resources) is not a copy.
				b, err := os.ReadFile(path)
				if err != nil {
					return nil, err
				}
				if !strings.Contains(string(b), `variable "`+strings.TrimSuffix(name, ".tf")+`"`) {
					continue
				}
				problems = append(problems, fmt.Sprintf("%s/%s is a file, not a link to %s: replace it with the link (cd modules/%s && ln -sf %s %s), or declare the variable in another file if this module's rule must differ",
					d.Name(), name, want, d.Name(), want, name))
				continue
			}
			if got, err := os.Readlink(path); err != nil || got != want {
				problems = append(problems, fmt.Sprintf("%s/%s links to %q, not %s", d.Name(), name, got, want))
			}
		}
	}
	sort.Strings(problems)
	return problems, nil
}
