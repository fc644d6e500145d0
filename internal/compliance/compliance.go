// Package compliance evaluates LookCard's PCI DSS v4.0 and SOC 2 controls,
// written as Rego under policies/, over the JSON of a saved OpenTofu plan.
//
// Each rule is one Rego package under data.lookcard.rules whose METADATA
// annotation carries its id, title, severity (per environment), the PCI DSS
// requirements and SOC 2 criteria it supports, the resource types it applies
// to and its remediation. A rule reports `violation` ({address, msg}) and may
// define `examined` (the addresses it looked at; by default every resource of
// its applies_to types) and `unverified` (addresses whose checked values are
// only known at apply time). The evidence for a control in an environment is
// what it examined minus what failed, was excepted or is unverified.
//
// Go decides deny or warn from the metadata and the plan's environment,
// applies the exceptions file, and renders the results as a table, JSON,
// SARIF 2.1.0 or a self-contained HTML report.
package compliance

import (
	"fmt"
	"sort"
	"strings"
)

// Level is how a rule's findings count in an environment.
type Level string

// Levels: deny fails the check, warn is reported, skip means the rule does not
// apply to the environment.
const (
	Deny Level = "deny"
	Warn Level = "warn"
	Skip Level = "skip"
)

func parseLevel(s string) (Level, error) {
	switch l := Level(s); l {
	case Deny, Warn, Skip:
		return l, nil
	}
	return "", fmt.Errorf("level %q is not deny, warn or skip", s)
}

// Environments are LookCard's environments in the order reports show them.
var Environments = []string{"develop", "testing", "staging", "production", "sandbox"}

// SortEnvironments orders environment names as Environments does, unknown
// names last and alphabetically.
func SortEnvironments(envs []string) {
	rank := func(e string) int {
		for i, k := range Environments {
			if k == e {
				return i
			}
		}
		return len(Environments)
	}
	sort.SliceStable(envs, func(i, j int) bool {
		ri, rj := rank(envs[i]), rank(envs[j])
		if ri != rj {
			return ri < rj
		}
		return envs[i] < envs[j]
	})
}

// Rule is one control, read from its Rego package's METADATA annotation.
type Rule struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	Description string           `json:"description"`
	Severity    Level            `json:"severity"`
	ByEnv       map[string]Level `json:"severity_by_environment,omitempty"`
	PCI         []string         `json:"pci_dss"`
	SOC2        []string         `json:"soc2"`
	AppliesTo   []string         `json:"applies_to"`
	Remediation string           `json:"remediation"`
	// UnverifiedSeverity (custom.unverified_severity) caps the level of
	// an unverified value: warn for rules whose unknowns are routine.
	UnverifiedSeverity Level `json:"unverified_severity,omitempty"`
	// Equivalents (custom.equivalents) name the same control in other
	// catalogues: security_hub (AWS Security Hub control ids), checkov.
	Equivalents map[string][]string `json:"equivalents,omitempty"`
	Package     string              `json:"package"`
	File        string              `json:"file"`

	examined, unverified bool // the package defines these rules
}

// Level is the rule's level in an environment.
func (r Rule) Level(env string) Level {
	if l, ok := r.ByEnv[env]; ok {
		return l
	}
	return r.Severity
}

// UnverifiedMessage is the finding for a value a rule needs but the plan
// computes only at apply time (main.rego says the same).
const UnverifiedMessage = "cannot be verified: the checked value is computed at apply time; run `lookcard apply --env <env> --offline` so that check reads it from the rehearsal state"

// UnverifiedLevel is how a value the rule cannot see counts in an
// environment: as the rule's own level in production and staging (fail
// closed), a warning elsewhere, unless the rule's unverified_severity
// lowers it.
func (r Rule) UnverifiedLevel(env string) Level {
	l := r.Level(env)
	switch {
	case l == Skip:
		return Skip
	case r.UnverifiedSeverity != "":
		if l == Warn {
			return Warn
		}
		return r.UnverifiedSeverity
	case env == "production" || env == "staging":
		return l
	}
	return Warn
}

// Area is the rule's family, from its id (LC-ENC-001: ENC).
func (r Rule) Area() string {
	parts := strings.Split(r.ID, "-")
	if len(parts) != 3 {
		return ""
	}
	return parts[1]
}

// Scope describes where the rule applies, for people.
func (r Rule) Scope() string {
	var skip, warn []string
	for _, e := range Environments {
		switch r.Level(e) {
		case Skip:
			skip = append(skip, e)
		case Warn:
			warn = append(warn, e)
		}
	}
	var parts []string
	switch {
	case len(skip) == len(Environments):
		parts = append(parts, "no environment")
	case len(skip) > 0:
		var only []string
		for _, e := range Environments {
			if r.Level(e) != Skip {
				only = append(only, e)
			}
		}
		parts = append(parts, strings.Join(only, ", ")+" only")
	default:
		parts = append(parts, "all environments")
	}
	if len(warn) > 0 && r.Severity == Deny {
		parts = append(parts, "warn in "+strings.Join(warn, ", "))
	}
	return strings.Join(parts, "; ")
}

// Finding is one violation of a rule by one resource.
type Finding struct {
	RuleID      string   `json:"rule"`
	Title       string   `json:"title"`
	Severity    Level    `json:"severity"`
	Address     string   `json:"address"`
	Message     string   `json:"message"`
	PCI         []string `json:"pci_dss"`
	SOC2        []string `json:"soc2"`
	Remediation string   `json:"remediation"`
	Exception   string   `json:"exception,omitempty"`
	// Unverified marks a finding about a value the plan does not show.
	Unverified bool      `json:"unverified,omitempty"`
	Location   *Location `json:"location,omitempty"`
}

// Location is where a finding's resource is declared, relative to the
// repository root.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// Control is the evidence for one rule in one environment.
type Control struct {
	RuleID     string   `json:"rule"`
	Level      Level    `json:"level"`
	Status     Status   `json:"status"`
	Passed     []string `json:"passed"`
	Failed     []string `json:"failed"`
	Unverified []string `json:"unverified"`
	Excepted   []string `json:"excepted"`
}

// Status is a control's outcome in one environment.
type Status string

// Statuses of a control.
const (
	Pass          Status = "pass"
	Warning       Status = "warn"
	Fail          Status = "fail"
	NotApplicable Status = "n/a"
)

// Result is the outcome of every rule over one plan.
type Result struct {
	Environment string `json:"environment"`
	Preview     string `json:"preview,omitempty"`
	// Bootstrap marks a plan of bootstrap/ for the account Environment.
	Bootstrap bool   `json:"bootstrap,omitempty"`
	Plan      string `json:"plan"`
	// State is the rehearsal state that resolved the plan's unknown values.
	State      string    `json:"state,omitempty"`
	Findings   []Finding `json:"findings"`
	Suppressed []Finding `json:"suppressed"`
	Controls   []Control `json:"controls"`
	Unused     []string  `json:"unused_exceptions,omitempty"`
}

// Label names the result's stack: the environment, and the preview if any;
// bootstrap/'s plans are "bootstrap-<account>".
func (r *Result) Label() string {
	if r.Bootstrap {
		return "bootstrap-" + r.Environment
	}
	if r.Preview == "" {
		return r.Environment
	}
	return r.Environment + "-" + r.Preview
}

// Count returns the number of findings at a level.
func (r *Result) Count(l Level) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == l {
			n++
		}
	}
	return n
}

// Control returns the evidence for a rule.
func (r *Result) Control(id string) (Control, bool) {
	for _, c := range r.Controls {
		if c.RuleID == id {
			return c, true
		}
	}
	return Control{}, false
}
