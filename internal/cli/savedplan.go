package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/compliance"
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

// planMeta records what a saved plan was made from, for the readers' and
// apply's checks.
type planMeta struct {
	Environment string    `json:"environment"`
	Stack       string    `json:"stack"`
	Branch      string    `json:"branch"`
	Commit      string    `json:"commit"`
	Dirty       bool      `json:"dirty"`
	Offline     bool      `json:"offline"`
	Destroy     bool      `json:"destroy,omitempty"` // a destroy plan (lookcard destroy), saved as <stack>.destroy.*
	Created     time.Time `json:"created"`
}

// JSON is the plan's JSON file.
func (p savedPlan) JSON() string { return p.Layout.PlanJSON }

func modeName(offline bool) string {
	if offline {
		return "offline"
	}
	return "online"
}

// planCommand is the command that saves the plan a reader looks for.
func planCommand(env string, offline bool) string {
	if offline {
		return fmt.Sprintf("`lookcard plan --env %s --offline`", env)
	}
	return fmt.Sprintf("`lookcard plan --env %s`", env)
}

// noSavedPlan is the one wording of "there is no plan to read": what is
// missing, where it would be, and the command that saves it.
func noSavedPlan(what, where, run string) error {
	return fmt.Errorf("no saved %s%s: run %s first", what, where, run)
}

// savedPlan is the one answer to "which environment, and which saved plan":
// env "" is the session's target (--env, else the branch's), any other name
// that environment on this branch. The plan is the one of the session's mode
// (online or offline, never "whichever exists"), and only when its metadata
// says it was made for this environment and stack from the current commit.
func (s *session) savedPlan(env string) (savedPlan, error) {
	t := s.target
	if env != "" {
		var err error
		if t, err = environment.ForEnvironment(env, s.git.Branch); err != nil {
			return savedPlan{}, err
		}
	}
	return lookupLayout(s.git, workspace.For(s.git.Root, t.Stack(), s.offline), t.Environment, s.offline)
}

// savedPlans is every stack's saved plan of the session's mode, ordered by
// environment (check --all). A preview's leftover plan that does not match
// is named on w and skipped, never silently checked or dropped.
func (s *session) savedPlans(w io.Writer) ([]savedPlan, error) {
	stacks, err := workspace.SavedStacks(s.git.Root, s.offline)
	if err != nil {
		return nil, err
	}
	dir := rel(s.git.Root, workspace.PlansDir(s.git.Root))
	if len(stacks) == 0 {
		return nil, noSavedPlan(modeName(s.offline)+" plans", " under "+dir, planCommand("<env>", s.offline)+" for each environment")
	}
	sort.Strings(stacks)
	compliance.SortEnvironments(stacks)
	var out []savedPlan
	for _, stack := range stacks {
		p, err := lookupLayout(s.git, workspace.For(s.git.Root, stack, s.offline), "", s.offline)
		if err != nil && !environment.IsEnvironment(stack) {
			fmt.Fprintf(w, "Skipping the preview %s: %v\n", stack, err)
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, noSavedPlan(modeName(s.offline)+" plan of the current commit", " under "+dir, planCommand("<env>", s.offline))
	}
	return out, nil
}

// lookupLayout reads and checks the metadata of the plan at l. A plan is
// complete only once its metadata is written (last, by savePlan), so a
// failed or interrupted run leaves nothing this accepts.
func lookupLayout(g gitinfo.Info, l workspace.Layout, env string, offline bool) (savedPlan, error) {
	mode := modeName(offline)
	runEnv := env
	if runEnv == "" {
		runEnv = "<env>"
		if environment.IsEnvironment(l.Stack) {
			runEnv = l.Stack
		}
	}
	again := planCommand(runEnv, offline)
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
		return savedPlan{}, noSavedPlan(mode+" plan for "+l.Stack, " at "+rel(g.Root, l.PlanJSON)+hint, again)
	}
	b, err := os.ReadFile(l.MetaFile())
	if err != nil {
		return savedPlan{}, fmt.Errorf("the saved plan %s has no metadata (an interrupted run or an older lookcard): run %s again", rel(g.Root, l.PlanJSON), again)
	}
	var m planMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return savedPlan{}, fmt.Errorf("the saved plan's metadata %s is unreadable (%v): run %s again", rel(g.Root, l.MetaFile()), err, again)
	}
	switch {
	case m.Destroy:
		return savedPlan{}, fmt.Errorf("%s is a destroy plan, not the environment's plan: run %s", rel(g.Root, l.PlanJSON), again)
	case m.Offline != offline:
		return savedPlan{}, fmt.Errorf("%s was made %s but this session is %s: run %s", rel(g.Root, l.PlanJSON), modeName(m.Offline), mode, again)
	case m.Stack != l.Stack || (env != "" && m.Environment != env):
		return savedPlan{}, fmt.Errorf("%s is a plan of %s (%s), not of %s: run %s", rel(g.Root, l.PlanJSON), m.Stack, m.Environment, l.Stack, again)
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
		modeName(p.Meta.Offline), p.Meta.Stack, p.Meta.Commit, dirty, age(now.Sub(p.Meta.Created)), rel(root, p.Layout.PlanJSON))
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

// savePlan writes the plan's JSON and then, last, its metadata.
func savePlan(s *session, p *tfjson.Plan) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding plan JSON: %w", err)
	}
	if err := writeAtomic(s.layout.PlanJSON, b); err != nil {
		return err
	}
	m := planMeta{Environment: s.target.Environment, Stack: s.target.Stack(), Branch: s.target.Branch,
		Commit: s.git.Commit, Dirty: s.git.Dirty, Offline: s.offline, Destroy: s.destroy, Created: time.Now().UTC()}
	mb, _ := json.MarshalIndent(m, "", "  ")
	return writeAtomic(s.layout.MetaFile(), mb)
}
