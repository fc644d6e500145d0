package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// savedPlan is a plan that `lookcard plan` saved and that matches the
// session it is read for.
type savedPlan struct {
	Layout workspace.Layout
	Meta   planMeta
}

// JSON is the plan's JSON file.
func (p savedPlan) JSON() string { return p.Layout.PlanJSON }

func modeName(offline bool) string {
	if offline {
		return "offline"
	}
	return "online"
}

// lookupPlan is the one way every reader (cost, check, graph) finds the
// saved plan of a target: the plan of the session's mode (online or
// offline, never "whichever exists"), and only when its metadata says it
// was made for this environment and stack from the current commit. A plan
// is complete only once its metadata is written (last, by savePlan), so a
// failed or interrupted run leaves nothing this accepts.
func lookupPlan(g gitinfo.Info, t environment.Target, offline bool) (savedPlan, error) {
	l := workspace.For(g.Root, t.Stack(), offline)
	return lookupLayout(g, l, t.Environment, offline)
}

func lookupLayout(g gitinfo.Info, l workspace.Layout, env string, offline bool) (savedPlan, error) {
	mode := modeName(offline)
	again := fmt.Sprintf("`lookcard plan --env %s%s`", env, map[bool]string{true: " --offline"}[offline])
	if _, err := os.Stat(l.PlanJSON); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return savedPlan{}, fmt.Errorf("reading saved plan: %w", err)
		}
		hint := ""
		if other := workspace.For(g.Root, l.Stack, !offline); fileExists(other.PlanJSON) {
			hint = fmt.Sprintf("; there is an %s plan, but this session is %s", modeName(!offline), mode)
			if offline {
				hint += " (to read it, drop --offline or configure AWS credentials)"
			} else {
				hint += " (to read it, pass --offline)"
			}
		}
		return savedPlan{}, fmt.Errorf("no saved %s plan for %s at %s%s: run %s first", mode, l.Stack, relTo(g.Root, l.PlanJSON), hint, again)
	}
	b, err := os.ReadFile(metaPath(l.PlanFile))
	if err != nil {
		return savedPlan{}, fmt.Errorf("the saved plan %s has no metadata (an interrupted run or an older lookcard): run %s again", relTo(g.Root, l.PlanJSON), again)
	}
	var m planMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return savedPlan{}, fmt.Errorf("the saved plan's metadata %s is unreadable (%v): run %s again", relTo(g.Root, metaPath(l.PlanFile)), err, again)
	}
	switch {
	case m.Destroy:
		return savedPlan{}, fmt.Errorf("%s is a destroy plan, not the environment's plan: run %s", relTo(g.Root, l.PlanJSON), again)
	case m.Offline != offline:
		return savedPlan{}, fmt.Errorf("%s was made %s but this session is %s: run %s", relTo(g.Root, l.PlanJSON), modeName(m.Offline), mode, again)
	case m.Stack != l.Stack || (env != "" && m.Environment != env):
		return savedPlan{}, fmt.Errorf("%s is a plan of %s (%s), not of %s: run %s", relTo(g.Root, l.PlanJSON), m.Stack, m.Environment, l.Stack, again)
	case m.Commit != g.Commit:
		return savedPlan{}, fmt.Errorf("the saved %s plan of %s was made from commit %.12s but HEAD is %.12s: run %s to read the current configuration",
			mode, l.Stack, m.Commit, g.Commit, again)
	}
	return savedPlan{Layout: l, Meta: m}, nil
}

// describe is the line every reader prints: which plan it read.
func (p savedPlan) describe(root string, now time.Time) string {
	dirty := ""
	if p.Meta.Dirty {
		dirty = ", uncommitted changes"
	}
	return fmt.Sprintf("Reading the %s plan of %s: commit %.12s%s, made %s ago (%s).",
		modeName(p.Meta.Offline), p.Meta.Stack, p.Meta.Commit, dirty, age(now.Sub(p.Meta.Created)), relTo(root, p.Layout.PlanJSON))
}

func (p savedPlan) announce(w io.Writer, root string) {
	fmt.Fprintln(w, p.describe(root, time.Now()))
}

func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < 48*time.Hour:
		return d.Round(time.Minute).String()
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// savedStacks lists the stacks that have a saved plan of the given mode
// under .lookcard/plans (rehearsal and destroy plans excluded).
func savedStacks(root string, offline bool) ([]string, error) {
	dir := filepath.Join(root, workspace.Dir, "plans")
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

// destroyLayout names a stack's destroy plan apart from its plan, so that
// neither a reader nor a plain `lookcard apply` takes one for the other.
func destroyLayout(l workspace.Layout) workspace.Layout {
	base := strings.TrimSuffix(l.PlanFile, ".tfplan")
	l.PlanFile = base + ".destroy.tfplan"
	l.PlanJSON = base + ".destroy.json"
	return l
}
