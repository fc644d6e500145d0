package compliance

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A rule's case file, policies/rules/<area>/<rule>_test.yaml beside its
// <rule>.rego (as trivy-checks and conftest keep tests), holds synthetic plans
// that must pass and fail that rule:
//
//	pass:
//	  - name: what the case shows
//	    env: production          # the default
//	    resources:
//	      - address: module.aurora.aws_rds_cluster.this
//	        after: {storage_encrypted: true}
//	        unknown: {kms_key_id: true}          # after_unknown
//	        refs: {cluster_identifier: [aws_rds_cluster.this.id]}   # configuration references
//	fail:
//	  - name: ...
//	    resources: [...]
//	    want: [module.aurora.aws_rds_cluster.this]   # the addresses that must fail
//
// A case may also set variables (name: value), sensitive_variables, outputs
// (name: {after, sensitive, unknown}), bootstrap: true for a plan of
// bootstrap/ (account_name instead of environment) and vacuous: true for a pass case in
// which nothing is subject to the rule. A passing case may have findings that
// an exception in policies/exceptions.yaml suppresses.
type fixtureFile struct {
	Pass []fixture `yaml:"pass"`
	Fail []fixture `yaml:"fail"`
}

type fixture struct {
	Name      string                   `yaml:"name"`
	Env       string                   `yaml:"env"`
	Resources []fixtureResource        `yaml:"resources"`
	Variables map[string]any           `yaml:"variables"`
	Sensitive []string                 `yaml:"sensitive_variables"`
	Outputs   map[string]fixtureOutput `yaml:"outputs"`
	Want      []string                 `yaml:"want"`
	Vacuous   bool                     `yaml:"vacuous"`
	// Bootstrap makes the case a plan of bootstrap/ for the account env
	// (variable account_name, no environment).
	Bootstrap bool `yaml:"bootstrap"`
}

type fixtureResource struct {
	Address string              `yaml:"address"`
	Mode    string              `yaml:"mode"`
	Actions []string            `yaml:"actions"`
	After   map[string]any      `yaml:"after"`
	Unknown map[string]any      `yaml:"unknown"`
	Refs    map[string][]string `yaml:"refs"`
}

type fixtureOutput struct {
	After     any  `yaml:"after"`
	Unknown   bool `yaml:"unknown"`
	Sensitive bool `yaml:"sensitive"`
}

var addressParts = regexp.MustCompile(`^(?:(.*)\.)?(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?$`)

// planJSON builds plan JSON from a fixture.
func (f fixture) planJSON(t *testing.T) []byte {
	t.Helper()
	env := f.Env
	if env == "" {
		env = "production"
	}
	vars := map[string]any{"environment": map[string]any{"value": env}}
	if f.Bootstrap {
		vars = map[string]any{"account_name": map[string]any{"value": env}}
	}
	for k, v := range f.Variables {
		vars[k] = map[string]any{"value": v}
	}
	root := map[string]any{}
	var changes []any
	for _, r := range f.Resources {
		m := addressParts.FindStringSubmatch(r.Address)
		if m == nil {
			t.Fatalf("fixture %q: cannot read address %q", f.Name, r.Address)
		}
		mode := "managed"
		if m[2] != "" || r.Mode == "data" {
			mode = "data"
		}
		actions := r.Actions
		if actions == nil {
			actions = []string{"create"}
		}
		after := r.After
		if after == nil {
			after = map[string]any{}
		}
		unknown := r.Unknown
		if unknown == nil {
			unknown = map[string]any{}
		}
		rc := map[string]any{"address": r.Address, "mode": mode, "type": m[3], "name": m[4],
			"change": map[string]any{"actions": actions, "after": after, "after_unknown": unknown}}
		if m[1] != "" {
			rc["module_address"] = m[1]
		}
		if actions[0] == "delete" && len(actions) == 1 {
			rc["change"].(map[string]any)["after"] = nil
		}
		changes = append(changes, rc)
		if len(r.Refs) > 0 {
			exprs := map[string]any{}
			for attr, refs := range r.Refs {
				exprs[attr] = map[string]any{"references": refs}
			}
			mod := moduleConfig(root, m[1])
			res, _ := mod["resources"].([]any)
			mod["resources"] = append(res, map[string]any{"address": m[3] + "." + m[4], "mode": mode, "type": m[3], "name": m[4], "expressions": exprs})
		}
	}
	if len(f.Sensitive) > 0 {
		cv := map[string]any{}
		for _, v := range f.Sensitive {
			cv[v] = map[string]any{"sensitive": true}
		}
		root["variables"] = cv
	}
	outputs := map[string]any{}
	for name, o := range f.Outputs {
		outputs[name] = map[string]any{"actions": []string{"create"}, "after": o.After, "after_unknown": o.Unknown, "after_sensitive": o.Sensitive}
	}
	plan := map[string]any{"format_version": "1.2", "variables": vars, "resource_changes": changes,
		"output_changes": outputs, "configuration": map[string]any{"root_module": root}}
	b, err := json.Marshal(plan)
	if err != nil {
		t.Fatalf("fixture %q: %v", f.Name, err)
	}
	return b
}

// moduleConfig returns the configuration object of a module address
// (instance keys dropped), creating it.
func moduleConfig(root map[string]any, moduleAddress string) map[string]any {
	mod := root
	for _, m := range regexp.MustCompile(`module\.([A-Za-z0-9_-]+)`).FindAllStringSubmatch(moduleAddress, -1) {
		calls, ok := mod["module_calls"].(map[string]any)
		if !ok {
			calls = map[string]any{}
			mod["module_calls"] = calls
		}
		call, ok := calls[m[1]].(map[string]any)
		if !ok {
			call = map[string]any{"source": "./modules/" + m[1], "module": map[string]any{}}
			calls[m[1]] = call
		}
		mod = call["module"].(map[string]any)
	}
	return mod
}

// rulesDir holds the rules and, beside each <rule>.rego, its <rule>_test.yaml.
var rulesDir = filepath.Join(repoRoot, "policies", "rules")

// caseFile is the case file of a rule loaded from policies/<file>.
func caseFile(file string) string {
	return filepath.Join(repoRoot, "policies", filepath.FromSlash(strings.TrimSuffix(file, ".rego")+"_test.yaml"))
}

// readFixtures reads every rule's case file, by rule id. A case file with
// no rule beside it fails the test.
func readFixtures(t *testing.T) map[string]fixtureFile {
	t.Helper()
	p := loadPolicies(t)
	byFile := map[string]string{}
	for _, r := range p.Rules {
		byFile[caseFile(r.File)] = r.ID
	}
	out := map[string]fixtureFile{}
	err := filepath.WalkDir(rulesDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.yaml") {
			return err
		}
		id, ok := byFile[path]
		if !ok {
			t.Errorf("%s: no rule %s.rego beside it", path, strings.TrimSuffix(filepath.Base(path), "_test.yaml"))
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var ff fixtureFile
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&ff); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		out[id] = ff
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEveryRuleHasFixtures reads the rule list from the policies themselves:
// a rule without a case file, or one without a passing and a failing case,
// fails the suite (readFixtures fails a case file without a rule).
func TestEveryRuleHasFixtures(t *testing.T) {
	p := loadPolicies(t)
	fixtures := readFixtures(t)
	for _, r := range p.Rules {
		ff, ok := fixtures[r.ID]
		switch {
		case !ok:
			t.Errorf("%s (%s) has no case file %s", r.ID, r.File, caseFile(r.File))
		case len(ff.Pass) == 0:
			t.Errorf("%s has no passing case in %s", r.ID, caseFile(r.File))
		case len(ff.Fail) == 0:
			t.Errorf("%s has no failing case in %s", r.ID, caseFile(r.File))
		}
	}
	if len(p.Rules) < 40 {
		t.Errorf("%d rules, want at least 40", len(p.Rules))
	}
}

func TestRuleFixtures(t *testing.T) {
	p := loadPolicies(t)
	fixtures := readFixtures(t)
	ids := make([]string, 0, len(fixtures))
	for id := range fixtures {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ff := fixtures[id]
		for i, f := range ff.Pass {
			t.Run(fmt.Sprintf("%s/pass/%d %s", id, i+1, f.Name), func(t *testing.T) {
				res := evalFixture(t, p, f)
				// A value the plan cannot show is a warning outside
				// production and staging: a passing case may have one.
				var got []Finding
				for _, x := range findingsOf(res.Findings, id) {
					if !(x.Unverified && x.Severity == Warn) {
						got = append(got, x)
					}
				}
				if len(got) > 0 {
					t.Errorf("want no finding (an excepted one, or an unverified warning, is fine), got %v", got)
				}
				c, _ := res.Control(id)
				if c.Status == NotApplicable {
					t.Fatalf("%s does not apply to %s: pick an environment where it does", id, res.Environment)
				}
				if !f.Vacuous && len(c.Passed)+len(c.Unverified) == 0 {
					t.Errorf("the case examined nothing (passed %v, unverified %v): add the resource the rule checks, or set vacuous: true", c.Passed, c.Unverified)
				}
			})
		}
		for i, f := range ff.Fail {
			t.Run(fmt.Sprintf("%s/fail/%d %s", id, i+1, f.Name), func(t *testing.T) {
				res := evalFixture(t, p, f)
				got := findingsOf(res.Findings, id)
				if len(got) == 0 {
					t.Fatalf("want a finding, got none")
				}
				if f.Want != nil {
					addrs := map[string]bool{}
					for _, x := range got {
						addrs[x.Address] = true
					}
					want := append([]string(nil), f.Want...)
					sort.Strings(want)
					if have := keys(addrs); strings.Join(have, "\n") != strings.Join(want, "\n") {
						t.Errorf("failing addresses\n got: %v\nwant: %v\n(findings %v)", have, want, got)
					}
				}
				for _, x := range got {
					if x.Message == "" || x.Title == "" || len(x.PCI) == 0 || len(x.SOC2) == 0 || x.Remediation == "" {
						t.Errorf("finding lacks metadata: %+v", x)
					}
				}
			})
		}
	}
}

func evalFixture(t *testing.T, p *Policies, f fixture) *Result {
	t.Helper()
	plan, err := ParsePlan(f.Name, f.planJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Evaluate(t.Context(), plan, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func findingsOf(list []Finding, id string) []Finding {
	var out []Finding
	for _, f := range list {
		if f.RuleID == id {
			out = append(out, f)
		}
	}
	return out
}
