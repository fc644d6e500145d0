// Package gitinfo reads the branch and commit the tooling runs on.
package gitinfo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Info describes the checkout.
type Info struct {
	Root   string
	Branch string
	Commit string
	Dirty  bool
}

// ciBranchVars name the branch in CI when HEAD is detached, most specific first.
// They never replace a checked-out branch: the branch decides the
// environment and the production guard, so a variable must not talk past it.
var ciBranchVars = []string{"LOOKCARD_BRANCH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BRANCH_NAME"}

// Read inspects the git checkout containing dir.
func Read(ctx context.Context, dir string) (Info, error) {
	root, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return Info{}, fmt.Errorf("%s is not inside a git repository (the environment is chosen from the git branch): %w", dir, err)
	}
	info := Info{Root: root}
	if info.Commit, err = git(ctx, root, "rev-parse", "HEAD"); err != nil {
		info.Commit = "" // a repository with no commit yet
	}
	info.Branch, _ = git(ctx, root, "symbolic-ref", "--short", "-q", "HEAD")
	if err := applyOverride(&info); err != nil {
		return Info{}, err
	}
	status, err := git(ctx, root, "status", "--porcelain")
	if err != nil {
		return Info{}, fmt.Errorf("reading git status: %w", err)
	}
	info.Dirty = status != ""
	return info, nil
}

// applyOverride names the branch of a detached HEAD from the first of
// ciBranchVars that is set. On a checked-out branch they are not used, and
// an explicit LOOKCARD_BRANCH that disagrees with the branch is refused.
func applyOverride(info *Info) error {
	if info.Branch != "" {
		if b := os.Getenv(ciBranchVars[0]); b != "" && b != info.Branch {
			return fmt.Errorf("%s=%s but the checkout is on branch %s: a branch override applies only to a detached HEAD (CI); unset %s or check out %s",
				ciBranchVars[0], b, info.Branch, ciBranchVars[0], b)
		}
		return nil
	}
	for _, v := range ciBranchVars {
		if b := os.Getenv(v); b != "" {
			info.Branch = b
			return nil
		}
	}
	return nil
}

// ShortCommit is the 12-character commit used in tags and image tags.
func (i Info) ShortCommit() string {
	if len(i.Commit) >= 12 {
		return i.Commit[:12]
	}
	if i.Commit == "" {
		return "uncommitted"
	}
	return i.Commit
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(string(ee.Stderr)))
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
