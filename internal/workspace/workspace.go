// Package workspace prepares the directory OpenTofu runs in. Online runs use
// the repository root itself; offline runs use a mirror of it under
// .lookcard/work/<stack> that leaves out backend.tf, so OpenTofu falls back to
// a local state file and the real root (and its S3 backend) is never touched
// by an offline plan. The backend block must therefore live in backend.tf only.
// A rehearsal's mirror gets a backend.tf of its own instead (WriteBackend):
// lookcard's http state server on loopback.
package workspace

import (
	"errors"
	"fmt"
	"io/fs"
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

// PlansDir is where every saved plan of a repository lives.
func PlansDir(root string) string { return filepath.Join(root, Dir, "plans") }

// MetaFile is the metadata `lookcard plan` writes last beside a saved plan:
// what it was made from (a plan without it is incomplete).
func (l Layout) MetaFile() string {
	return strings.TrimSuffix(l.PlanFile, ".tfplan") + ".meta.json"
}

// Destroy names a stack's destroy plan apart from its plan, so that neither
// a reader nor a plain `lookcard apply` takes one for the other.
func (l Layout) Destroy() Layout { return l.apart("destroy") }

// Drift names a drift check's plan apart from the stack's plan, which apply
// and every reader use.
func (l Layout) Drift() Layout { return l.apart("drift") }

func (l Layout) apart(kind string) Layout {
	base := strings.TrimSuffix(l.PlanFile, ".tfplan")
	l.PlanFile = base + "." + kind + ".tfplan"
	l.PlanJSON = base + "." + kind + ".json"
	return l
}

// StackOfPlan is the stack a plan JSON file is named for
// (.lookcard/plans/<stack>.json or <stack>.offline.json), for a plan given
// by path.
func StackOfPlan(path string) string {
	return strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".json"), ".offline")
}

// SavedStacks lists the stacks that have a saved plan of the given mode
// under .lookcard/plans (rehearsal and destroy plans excluded).
func SavedStacks(root string, offline bool) ([]string, error) {
	dir := PlansDir(root)
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	suffix := ".json"
	if offline {
		suffix = ".offline.json"
	}
	var stacks []string
	for _, e := range entries {
		stack, ok := strings.CutSuffix(e.Name(), suffix)
		// Stack names never hold a dot; other plans (.offline, .meta,
		// .rehearsal, .destroy) do.
		if e.IsDir() || !ok || strings.Contains(stack, ".") {
			continue
		}
		stacks = append(stacks, stack)
	}
	return stacks, nil
}

// For returns the layout of a stack; offline stacks run in their mirror.
func For(root, stack string, offline bool) Layout {
	l := Layout{
		Root:     root,
		Stack:    stack,
		WorkDir:  root,
		PlanFile: filepath.Join(PlansDir(root), stack+".tfplan"),
		PlanJSON: filepath.Join(PlansDir(root), stack+".json"),
	}
	if offline {
		l.WorkDir = filepath.Join(root, Dir, "work", stack)
		// The engine's default local backend: no -state flag (Terraform
		// deprecates it), and each stack's mirror has its own.
		l.StateFile = filepath.Join(l.WorkDir, "terraform.tfstate")
		l.PlanFile = filepath.Join(PlansDir(root), stack+".offline.tfplan")
		l.PlanJSON = filepath.Join(PlansDir(root), stack+".offline.json")
	}
	return l
}

// ForRehearsal returns the layout of an offline apply (a rehearsal): its own
// mirror and state under .lookcard/rehearsal/<stack>, apart from the offline
// plan's, so that `lookcard plan --offline` keeps showing what a first apply
// creates while the rehearsal state lives on. The engine reaches the state
// through lookcard's http backend (internal/statehttp), so the mirror is a
// subdirectory: the state file must not sit where the engine's default local
// backend would find it, or init would offer to migrate (and then erase) it.
func ForRehearsal(root, stack string) Layout {
	work := filepath.Join(root, Dir, "rehearsal", stack)
	return Layout{
		Root:      root,
		Stack:     stack,
		WorkDir:   filepath.Join(work, "mirror"),
		StateFile: filepath.Join(work, "terraform.tfstate"),
		PlanFile:  filepath.Join(PlansDir(root), stack+".rehearsal.tfplan"),
		PlanJSON:  filepath.Join(PlansDir(root), stack+".rehearsal.json"),
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

// WriteBackend writes the mirror's own backend.tf (the root's is never
// linked into a mirror) holding block, for a rehearsal's http backend. It
// also removes what a rehearsal mirror kept in the state's directory before
// the mirror moved to a subdirectory (links, .terraform), so no engine run
// there sees a second configuration.
func WriteBackend(l Layout, block string) error {
	if l.WorkDir == l.Root {
		return fmt.Errorf("internal error: a backend file for the repository root")
	}
	if dir := filepath.Dir(l.StateFile); dir != l.WorkDir {
		old, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("reading %s: %w", dir, err)
		}
		for _, e := range old {
			p := filepath.Join(dir, e.Name())
			if e.Type()&os.ModeSymlink != 0 || e.Name() == ".terraform" || e.Name() == ".terraform.lock.hcl" {
				if err := os.RemoveAll(p); err != nil {
					return fmt.Errorf("cleaning the old rehearsal mirror %s: %w", p, err)
				}
			}
		}
	}
	p := filepath.Join(l.WorkDir, BackendFile)
	if err := os.WriteFile(p, []byte(block), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}
