package compliance

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lookcard/infrastructure/internal/docs"
)

// TestPoliciesREADME keeps the rule table of policies/README.md in step with
// the policies' metadata (-update rewrites it).
func TestPoliciesREADME(t *testing.T) {
	path := filepath.Join(repoRoot, "policies", "README.md")
	cur, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := docs.Splice(string(cur), "rules", RulesMarkdown(loadPolicies(t).Rules))
	if err != nil {
		t.Fatal(err)
	}
	if want == string(cur) {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("policies/README.md's rule table is stale: run go test ./internal/compliance -run TestPoliciesREADME -update\n%s", firstDiff(want, string(cur)))
}
