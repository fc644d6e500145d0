package environment

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestForBranchEnvironments(t *testing.T) {
	for _, env := range []string{"develop", "testing", "staging", "production", "sandbox"} {
		t.Run(env, func(t *testing.T) {
			got, err := ForBranch(env)
			if err != nil {
				t.Fatalf("ForBranch(%q): %v", env, err)
			}
			want := Target{
				Environment: env,
				Branch:      env,
				Preview:     "",
				StateKey:    env + "/terraform.tfstate",
				VarFile:     "terraform." + env + ".tfvars.json",
			}
			if got != want {
				t.Errorf("ForBranch(%q) =\n  %+v\nwant\n  %+v", env, got, want)
			}
			if s := got.Stack(); s != env {
				t.Errorf("Stack() = %q, want %q", s, env)
			}
		})
	}
}

func TestForBranchPreview(t *testing.T) {
	long := "feature/a-very-long-branch-name-that-goes-on-and-on-and-on"
	cases := []struct {
		branch string
		slug   string
	}{
		{"feature/ABC-123_x", "ab-49ed8973"},
		{"Release/2024.10", "b2-b298d7b7"},
		{"1234-fix", "b1-bcd14f5f"},
		{"fix", "fix"},
		{"feature/Login-Page", "lo-1cd8fc98"},
		{"--Hot__Fix--", "ho-47ae187e"},
		{"Develop", "de-7576b5e7"}, // not an environment name: branches are case sensitive
		{"main", "main"},
		{"feature-x", "feature-x"},   // already a slug: kept verbatim
		{"feature/x", "x-217d2bf5"},  // would equal feature-x's slug if only normalised
		{"x-1a2b3c4d", "x-66c727fb"}, // looks like a shortened slug: shortened too
		{long, "a-92e1af4d"},
	}
	for _, c := range cases {
		t.Run(c.branch, func(t *testing.T) {
			got, err := ForBranch(c.branch)
			if err != nil {
				t.Fatalf("ForBranch(%q): %v", c.branch, err)
			}
			want := Target{
				Environment: "sandbox",
				Branch:      c.branch,
				Preview:     c.slug,
				StateKey:    "sandbox/" + c.slug + "/terraform.tfstate",
				VarFile:     "terraform.sandbox.tfvars.json",
			}
			if got != want {
				t.Errorf("ForBranch(%q) =\n  %+v\nwant\n  %+v", c.branch, got, want)
			}
			if s := got.Stack(); s != "sandbox-"+c.slug {
				t.Errorf("Stack() = %q, want %q", s, "sandbox-"+c.slug)
			}
		})
	}
}

func TestForBranchErrors(t *testing.T) {
	cases := []struct {
		branch  string
		wantMsg string
	}{
		{"", "no git branch"},
		{"///", "no letters or digits"},
		{"_-_.", "no letters or digits"},
		{"ü", "no letters or digits"}, // non-ASCII letters are not slug characters
	}
	for _, c := range cases {
		t.Run(c.branch, func(t *testing.T) {
			got, err := ForBranch(c.branch)
			if err == nil {
				t.Fatalf("ForBranch(%q) = %+v, want an error", c.branch, got)
			}
			if !strings.Contains(err.Error(), c.wantMsg) {
				t.Errorf("ForBranch(%q) error %q does not mention %q", c.branch, err, c.wantMsg)
			}
			if got != (Target{}) {
				t.Errorf("ForBranch(%q) returned a non-zero target with its error: %+v", c.branch, got)
			}
		})
	}
}

var slugRE = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$`)

func TestSlug(t *testing.T) {
	cases := []struct {
		branch string
		want   string
	}{
		// A branch that already is a slug is kept verbatim.
		{"b2345678901", "b2345678901"},
		{"login-page", "login-page"},
		// Any other keeps the start of its last "/" segment, then "-" and 8
		// hex digits of sha256(branch) (`printf %s BRANCH | sha256sum`).
		{"1234-fix", "b1-bcd14f5f"},
		{"UPPER", "up-9cba1c65"},
		{"a//b..c", "b-9e864d98"},
		{"exactly12chr", "ex-19c57c09"},
		{"12345678901", "b1-254aa248"},
		{"9", "b9-19581e27"},
		{"x", "x-2d711642"}, // one character is too short for the root's preview variable
		{"feature/ABC-123_x", "ab-49ed8973"},
		{"feature/ABC-123", "ab-62975f12"},
		{"feature/ABC-456", "ab-127d8c34"},
		{"feature/Login-Page", "lo-1cd8fc98"},
		{"Release/2024.10", "b2-b298d7b7"},
		{"/leading/and/trailing/", "le-19baf1f6"},
		{"exactly13char", "ex-d1718656"},
		{"abcdefg-hijklmn", "ab-e990b1ef"},
		{"1234567890-a-bcd", "b1-b873fd53"},
		{"12345678901234567890", "b1-6ed645ef"},
		{"feature/" + strings.Repeat("z", 200), "zz-6980d2d6"},
	}
	for _, c := range cases {
		t.Run(c.branch, func(t *testing.T) {
			got, err := Slug(c.branch)
			if err != nil {
				t.Fatalf("Slug(%q): %v", c.branch, err)
			}
			if got != c.want {
				t.Errorf("Slug(%q) = %q, want %q", c.branch, got, c.want)
			}
			if len(got) > MaxSlug {
				t.Errorf("Slug(%q) = %q is %d long, over MaxSlug %d", c.branch, got, len(got), MaxSlug)
			}
			if !slugRE.MatchString(got) {
				t.Errorf("Slug(%q) = %q is not a DNS label starting with a letter", c.branch, got)
			}
		})
	}
}

// TestSlugDistinct checks that long branches sharing a prefix get distinct
// slugs, and so distinct state keys.
func TestSlugDistinct(t *testing.T) {
	cases := []struct{ a, b string }{
		{"feature/ABC-123", "feature/ABC-456"},
		{"feature/login-page", "feature/login-form"},
		{"release/2024.10", "release/2024.11"},
		{"1234567890-a-bcd", "1234567890-a-bce"},
	}
	for _, c := range cases {
		t.Run(c.a+"|"+c.b, func(t *testing.T) {
			a, err := Slug(c.a)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Slug(c.b)
			if err != nil {
				t.Fatal(err)
			}
			if a == b {
				t.Errorf("Slug(%q) and Slug(%q) are both %q", c.a, c.b, a)
			}
		})
	}
}

func TestSlugErrors(t *testing.T) {
	for _, branch := range []string{"", "///", "-", "...", "日本"} {
		t.Run(branch, func(t *testing.T) {
			got, err := Slug(branch)
			if err == nil {
				t.Fatalf("Slug(%q) = %q, want an error", branch, got)
			}
			if !strings.Contains(err.Error(), "no letters or digits") {
				t.Errorf("Slug(%q) error %q does not explain the problem", branch, err)
			}
		})
	}
}

func TestForEnvironment(t *testing.T) {
	cases := []struct {
		name, branch string
		wantErr      bool
	}{
		{"develop", "feature/x", false},
		{"production", "", false},
		{"sandbox", "feature/x", false},
		{"prod", "main", true},
		{"Develop", "develop", true},
		{"", "develop", true},
	}
	for _, c := range cases {
		t.Run(c.name+"@"+c.branch, func(t *testing.T) {
			got, err := ForEnvironment(c.name, c.branch)
			if c.wantErr {
				if err == nil {
					t.Fatalf("ForEnvironment(%q) = %+v, want an error", c.name, got)
				}
				msg := err.Error()
				if !strings.Contains(msg, `"`+c.name+`"`) {
					t.Errorf("error %q does not quote the unknown name %q", msg, c.name)
				}
				for _, n := range Names {
					if !strings.Contains(msg, n) {
						t.Errorf("error %q does not list valid environment %q", msg, n)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("ForEnvironment(%q): %v", c.name, err)
			}
			want := Target{
				Environment: c.name,
				Branch:      c.branch,
				StateKey:    c.name + "/terraform.tfstate",
				VarFile:     "terraform." + c.name + ".tfvars.json",
			}
			if got != want {
				t.Errorf("ForEnvironment(%q, %q) =\n  %+v\nwant\n  %+v", c.name, c.branch, got, want)
			}
			if got.Stack() != c.name {
				t.Errorf("Stack() = %q, want %q (--env never makes a preview)", got.Stack(), c.name)
			}
		})
	}
}

func TestIsEnvironment(t *testing.T) {
	cases := map[string]bool{
		"develop": true, "testing": true, "staging": true, "production": true, "sandbox": true,
		"": false, "dev": false, "PRODUCTION": false, "sandbox/x": false, " staging": false,
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			if got := IsEnvironment(name); got != want {
				t.Errorf("IsEnvironment(%q) = %v, want %v", name, got, want)
			}
		})
	}
}

// TestSlugsNeverCollide: previews share a state key only if their slugs are
// equal. Branches that normalise alike, and many branches sharing a
// prefix, all get slugs of their own, each valid for the root's preview
// variable.
func TestSlugsNeverCollide(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z][a-z0-9-]{0,9}[a-z0-9]$`) // variables.tf, variable "preview"
	branches := []string{"feature/x", "feature-x", "Feature/X", "feature_x", "feature/x/", "x"}
	for i := 0; i < 20000; i++ {
		branches = append(branches, "feature/LC-"+strconv.Itoa(i)+"-login", "fix/"+strconv.Itoa(i))
	}
	seen := map[string]string{}
	for _, b := range branches {
		s, err := Slug(b)
		if err != nil {
			t.Fatalf("Slug(%q): %v", b, err)
		}
		if !valid.MatchString(s) || len(s) > MaxSlug {
			t.Errorf("Slug(%q) = %q: not a valid preview slug", b, s)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("branches %q and %q share the slug %q (and so a state key)", other, b, s)
		}
		seen[s] = b
	}
}
