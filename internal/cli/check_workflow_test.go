package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestDeployWorkflowChecksThePlanItApplies: deploy.yml's apply job runs
// `lookcard check` on the downloaded plan before it applies it, and the plan
// job checks the plan it saves, so a deny refuses the deploy.
func TestDeployWorkflowChecksThePlanItApplies(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", "deploy.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
				Uses string `yaml:"uses"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatal(err)
	}
	index := func(job, cmd string) int {
		for i, s := range wf.Jobs[job].Steps {
			if strings.Contains(s.Run, cmd) {
				return i
			}
		}
		return -1
	}
	check, apply := index("apply", "bin/lookcard check"), index("apply", "bin/lookcard apply --auto-approve")
	if check < 0 || apply < 0 || check > apply {
		t.Errorf("deploy.yml's apply job must run bin/lookcard check before bin/lookcard apply --auto-approve (check step %d, apply step %d)", check, apply)
	}
	plan, pcheck := index("plan", "bin/lookcard plan"), index("plan", "bin/lookcard check")
	if plan < 0 || pcheck < plan {
		t.Errorf("deploy.yml's plan job must check the plan it saves (plan step %d, check step %d)", plan, pcheck)
	}
	for _, s := range wf.Jobs["apply"].Steps {
		if strings.Contains(s.Run, "lookcard check") && (strings.Contains(s.Run, "|| true") || strings.Contains(s.Run, "continue-on-error")) {
			t.Errorf("the apply job's check must fail the job on a deny: %q", s.Run)
		}
	}
}
