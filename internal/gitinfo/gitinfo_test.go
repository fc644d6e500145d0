package gitinfo

import (
	"strings"
	"testing"
)

func TestBranchOverrides(t *testing.T) {
	for _, v := range ciBranchVars {
		t.Setenv(v, "")
	}
	cases := []struct {
		name, checkedOut string
		env              map[string]string
		want, wantErr    string
	}{
		{"checked-out branch, no override", "main", nil, "main", ""},
		{"override agreeing with the branch", "production", map[string]string{"LOOKCARD_BRANCH": "production"}, "production", ""},
		{"override contradicting the branch", "main", map[string]string{"LOOKCARD_BRANCH": "production"}, "", "LOOKCARD_BRANCH=production but the checkout is on branch main"},
		{"CI variable ignored on a checked-out branch", "main", map[string]string{"GITHUB_REF_NAME": "production"}, "main", ""},
		{"detached HEAD: LOOKCARD_BRANCH first", "", map[string]string{"LOOKCARD_BRANCH": "develop", "GITHUB_REF_NAME": "x"}, "develop", ""},
		{"detached HEAD: CI variable", "", map[string]string{"GITHUB_HEAD_REF": "feature/x"}, "feature/x", ""},
		{"detached HEAD, nothing set", "", nil, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			info := Info{Branch: c.checkedOut}
			err := applyOverride(&info)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("want error %q, got %v", c.wantErr, err)
				}
				return
			}
			if err != nil || info.Branch != c.want {
				t.Fatalf("branch %q, err %v; want %q", info.Branch, err, c.want)
			}
		})
	}
}
