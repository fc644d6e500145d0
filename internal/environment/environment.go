// Package environment maps git branches to LookCard environments, state keys,
// var files and name prefixes.
package environment

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
)

// Names are the five environments, in promotion order.
var Names = []string{"develop", "testing", "staging", "production", "sandbox"}

// MaxSlug keeps preview names inside AWS's shortest name limits: App Runner
// configuration names are at most 32 characters ("lookcard-sandbox-" + slug + "-web").
const MaxSlug = 11

// Target is what one run of the tooling acts on.
type Target struct {
	Environment string // one of Names
	Branch      string // the git branch it was resolved from
	Preview     string // slug of a sandbox preview branch, empty otherwise
	StateKey    string // key in the S3 state bucket
	VarFile     string // tfvars file at the repository root
}

// Stack names the state and working directories: the environment, or
// sandbox-<slug> for a preview.
func (t Target) Stack() string {
	if t.Preview != "" {
		return "sandbox-" + t.Preview
	}
	return t.Environment
}

// IsEnvironment reports whether name is one of the five environments.
func IsEnvironment(name string) bool {
	for _, n := range Names {
		if n == name {
			return true
		}
	}
	return false
}

// ForBranch maps a branch: environment branches map to themselves, any other
// branch is an isolated sandbox preview with its own state and name prefix.
func ForBranch(branch string) (Target, error) {
	if branch == "" {
		return Target{}, fmt.Errorf("no git branch: check out a branch, or pass --env")
	}
	if IsEnvironment(branch) {
		return target(branch, branch, ""), nil
	}
	slug, err := Slug(branch)
	if err != nil {
		return Target{}, err
	}
	return target("sandbox", branch, slug), nil
}

// ForEnvironment targets an environment named explicitly (--env), whatever the branch.
func ForEnvironment(name, branch string) (Target, error) {
	if !IsEnvironment(name) {
		return Target{}, fmt.Errorf("unknown environment %q: use one of %s", name, strings.Join(Names, ", "))
	}
	return target(name, branch, ""), nil
}

func target(env, branch, preview string) Target {
	t := Target{Environment: env, Branch: branch, Preview: preview, VarFile: "terraform." + env + ".tfvars.json"}
	if preview != "" {
		t.StateKey = "sandbox/" + preview + "/terraform.tfstate"
	} else {
		t.StateKey = env + "/terraform.tfstate"
	}
	return t
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug turns a branch name into a short DNS- and AWS-name-safe label:
// lower case, runs of other characters become "-", starting with a letter.
// A label longer than MaxSlug is cut to MaxSlug-4 characters plus "-" and 3 hex
// digits of the branch's SHA-1, so that long branches sharing a prefix
// still get their own state key.
func Slug(branch string) (string, error) {
	s := nonSlug.ReplaceAllString(strings.ToLower(branch), "-")
	s = strings.Trim(s, "-")
	if s == "" {
		return "", fmt.Errorf("branch %q has no letters or digits to name a sandbox preview after: rename the branch or pass --env", branch)
	}
	if s[0] >= '0' && s[0] <= '9' {
		s = "b" + s
	}
	if len(s) > MaxSlug {
		sum := sha1.Sum([]byte(branch))
		s = strings.TrimRight(s[:MaxSlug-4], "-") + "-" + hex.EncodeToString(sum[:])[:3]
	}
	return s, nil
}
