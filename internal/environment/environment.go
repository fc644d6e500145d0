// Package environment maps git branches to LookCard environments, state keys,
// var files and name prefixes.
package environment

import (
	"crypto/sha256"
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

// HashDigits is how many hex digits of the branch's SHA-256 a shortened
// slug keeps: 32 bits. Two previews collide only when their slugs share
// the same meaningful prefix and hash; among n live shortened previews that
// happens with probability about n(n-1)/2 / 2^32: 2.9e-7 for 50 previews,
// 1.2e-6 for 100 (it was 1/4096 per pair with 3 digits: several per cent
// for a dozen feature/ branches).
const HashDigits = 8

// hashedForm is the shape of a shortened slug; a branch named exactly like
// one is shortened too, so a verbatim slug never equals another's hash.
var hashedForm = regexp.MustCompile(`^[a-z][a-z0-9]?-[0-9a-f]{8}$`)

// Slug turns a branch name into a short DNS- and AWS-name-safe label
// (lower-case letters, digits and "-", starting with a letter, at most
// MaxSlug characters) that no other branch gets:
//   - a branch that already is such a label is kept verbatim ("fix",
//     "main", "login-page"): unique because it is the branch itself;
//   - any other (too long, or changed by the rules: "feature/x",
//     "Login") keeps the start of its meaningful part, the last
//     "/"-separated segment ("feature/login-page" → "lo"), and gets "-" and
//     HashDigits hex digits of the SHA-256 of the whole branch name:
//     "lo-" + 8 hex digits.
func Slug(branch string) (string, error) {
	s := normalize(branch)
	if s == "" {
		return "", fmt.Errorf("branch %q has no letters or digits to name a sandbox preview after: rename the branch or pass --env", branch)
	}
	if s == branch && s[0] >= 'a' && s[0] <= 'z' && len(s) >= 2 && len(s) <= MaxSlug && !hashedForm.MatchString(s) {
		return s, nil
	}
	meaning := s
	if i := strings.LastIndex(branch, "/"); i >= 0 {
		if m := normalize(branch[i+1:]); m != "" {
			meaning = m
		}
	}
	if meaning[0] >= '0' && meaning[0] <= '9' {
		meaning = "b" + meaning
	}
	keep := MaxSlug - 1 - HashDigits
	meaning = strings.TrimRight(meaning[:min(keep, len(meaning))], "-")
	sum := sha256.Sum256([]byte(branch))
	return meaning + "-" + hex.EncodeToString(sum[:])[:HashDigits], nil
}

// normalize lower-cases and turns every run of other characters into "-".
func normalize(branch string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(branch), "-"), "-")
}
