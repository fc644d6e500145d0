// Package workspace prepares the directory OpenTofu runs in. Online runs use
// the repository root itself; offline runs use a mirror of it under
// .lookcard/work/<stack> that leaves out backend.tf, so OpenTofu falls back to
// a local state file and the real root (and its S3 backend) is never touched
// by an offline plan. The backend block must therefore live in backend.tf only.
package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Dir is the hidden directory the tooling owns (git-ignored).
const Dir = ".lookcard"

// Layout names the paths of one stack.
type Layout struct {
	Root      string // repository root
	Stack     string
	WorkDir   string // where the engine runs
	StateFile string // local state (offline only)
	PlanFile  string
	PlanJSON  string
}

// For returns the layout of a stack; offline stacks run in their mirror.
func For(root, stack string, offline bool) Layout {
	l := Layout{
		Root:     root,
		Stack:    stack,
		WorkDir:  root,
		PlanFile: filepath.Join(root, Dir, "plans", stack+".tfplan"),
		PlanJSON: filepath.Join(root, Dir, "plans", stack+".json"),
	}
	if offline {
		l.WorkDir = filepath.Join(root, Dir, "work", stack)
		// The engine's default local backend: no -state flag (Terraform
		// deprecates it), and each stack's mirror has its own.
		l.StateFile = filepath.Join(l.WorkDir, "terraform.tfstate")
		l.PlanFile = filepath.Join(root, Dir, "plans", stack+".offline.tfplan")
		l.PlanJSON = filepath.Join(root, Dir, "plans", stack+".offline.json")
	}
	return l
}

// ForRehearsal returns the layout of an offline apply (a rehearsal): its own
// mirror and local state under .lookcard/rehearsal/<stack>, apart from the
// offline plan's, so that `lookcard plan --offline` keeps showing what a
// first apply creates while the rehearsal state lives on.
func ForRehearsal(root, stack string) Layout {
	work := filepath.Join(root, Dir, "rehearsal", stack)
	return Layout{
		Root:      root,
		Stack:     stack,
		WorkDir:   work,
		StateFile: filepath.Join(work, "terraform.tfstate"),
		PlanFile:  filepath.Join(root, Dir, "plans", stack+".rehearsal.tfplan"),
		PlanJSON:  filepath.Join(root, Dir, "plans", stack+".rehearsal.json"),
	}
}

// BackendFile is the only root file allowed to hold the backend block.
const BackendFile = "backend.tf"

// skip lists root entries an offline run must not see.
var skip = map[string]bool{BackendFile: true, "bin": true, "cmd": true, "internal": true, "docs": true}

// PrepareOffline (re)builds the mirror: a symlink per top-level entry of the
// root but backend.tf.
func PrepareOffline(l Layout) error {
	if l.WorkDir == l.Root {
		return fmt.Errorf("internal error: offline layout without a mirror directory")
	}
	if err := os.MkdirAll(l.WorkDir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", l.WorkDir, err)
	}
	if err := os.MkdirAll(filepath.Dir(l.StateFile), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(l.StateFile), err)
	}
	if err := os.MkdirAll(filepath.Dir(l.PlanFile), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(l.PlanFile), err)
	}
	// Remove stale links (a file deleted from the root must vanish here too).
	old, err := os.ReadDir(l.WorkDir)
	if err != nil {
		return fmt.Errorf("reading %s: %w", l.WorkDir, err)
	}
	for _, e := range old {
		if e.Type()&os.ModeSymlink != 0 {
			if err := os.Remove(filepath.Join(l.WorkDir, e.Name())); err != nil {
				return fmt.Errorf("cleaning %s: %w", l.WorkDir, err)
			}
		}
	}
	entries, err := os.ReadDir(l.Root)
	if err != nil {
		return fmt.Errorf("reading %s: %w", l.Root, err)
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || skip[name] || strings.HasSuffix(name, "_override.tf") || strings.Contains(name, ".tfstate") {
			continue
		}
		if err := os.Symlink(filepath.Join(l.Root, name), filepath.Join(l.WorkDir, name)); err != nil {
			return fmt.Errorf("linking %s: %w", name, err)
		}
	}
	return nil
}
