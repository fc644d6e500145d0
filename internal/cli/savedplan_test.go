package cli

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// Every "no saved plan" says it one way and names the command to run, in the
// session's mode; check --all names the environment whose plan is stale.
func TestNoSavedPlanSaysWhatToRun(t *testing.T) {
	dir := t.TempDir()
	s := &session{git: gitinfo.Info{Root: dir, Commit: "abc"}, offline: true}
	steps := []struct {
		stack, commit, want string
	}{
		{"", "", "no saved offline plans under .lookcard/plans: run `lookcard plan --env <env> --offline` for each environment first"},
		{"sandbox-old-1234abcd", "old", "no saved offline plan of the current commit under .lookcard/plans: run `lookcard plan --env <env> --offline` first"},
		{"production", "old", "was made from commit old but HEAD is abc: run `lookcard plan --env production --offline` to read the current configuration"},
	}
	for _, st := range steps {
		if st.stack != "" {
			writeSavedPlan(t, workspace.For(dir, st.stack, true), &planMeta{Environment: "production", Stack: st.stack, Commit: st.commit, Offline: true, Created: time.Now()})
		}
		if _, err := checkPlanFiles(io.Discard, s, true); err == nil || !strings.Contains(err.Error(), st.want) {
			t.Errorf("with %q saved: got %v, want %q", st.stack, err, st.want)
		}
	}
	if _, err := s.savedPlan("develop"); err == nil || !strings.Contains(err.Error(), "no saved offline plan for develop at .lookcard/plans/develop.offline.json: run `lookcard plan --env develop --offline` first") {
		t.Errorf("one environment: %v", err)
	}
}
