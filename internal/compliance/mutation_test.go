package compliance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// mutationFile is testdata/mutations/<env>.yaml: insecure edits to the
// environment's saved plan that `lookcard check` must catch.
type mutationFile struct {
	Mutations []mutation `yaml:"mutations"`
}

type mutation struct {
	Name   string   `yaml:"name"`
	Rule   string   `yaml:"rule"`
	Set    []Patch  `yaml:"set"`
	Delete []Patch  `yaml:"delete"`
	Remove []string `yaml:"remove"`
	Add    []struct {
		Address string         `yaml:"address"`
		After   map[string]any `yaml:"after"`
	} `yaml:"add"`
}

// apply edits a copy of base as the mutation says.
func (m mutation) apply(base *Plan) (*Plan, error) {
	p := base.Fork()
	patches := append([]Patch(nil), m.Set...)
	for _, d := range m.Delete {
		d.Delete = true
		patches = append(patches, d)
	}
	if err := p.Apply(patches); err != nil {
		return nil, err
	}
	for _, a := range m.Remove {
		if err := p.Remove(a); err != nil {
			return nil, err
		}
	}
	for _, a := range m.Add {
		parts := addressParts.FindStringSubmatch(a.Address)
		if parts == nil {
			return nil, fmt.Errorf("cannot read address %q", a.Address)
		}
		rc := map[string]any{"address": a.Address, "mode": "managed", "type": parts[3], "name": parts[4],
			"change": map[string]any{"actions": []any{"create"}, "after": a.After, "after_unknown": map[string]any{}}}
		if parts[1] != "" {
			rc["module_address"] = parts[1]
		}
		if err := p.AddResource(rc); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// TestMutationCorpus applies each insecure edit of the corpus to the saved
// production plan, one at a time and in process, and requires the rule the
// edit names to report a deny the unmutated plan does not have. It prints
// the detection rate, which must be 100 %.
func TestMutationCorpus(t *testing.T) {
	p := loadPolicies(t)
	const env = "production"
	base := realPlan(t, env)
	resolveRehearsal(t, base, env)
	b, err := os.ReadFile(filepath.Join("testdata", "mutations", env+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var mf mutationFile
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&mf); err != nil {
		t.Fatalf("testdata/mutations/%s.yaml: %v", env, err)
	}
	if len(mf.Mutations) < 30 {
		t.Errorf("%d mutations, want at least 30", len(mf.Mutations))
	}
	baseline, err := p.Evaluate(t.Context(), base, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range baseline.Findings {
		seen[findingKey(f)] = true
	}
	caught := 0
	var missed, failClosed []string
	for _, m := range mf.Mutations {
		if _, ok := p.Rule(m.Rule); !ok {
			t.Errorf("mutation %q names no rule of the policies (%q)", m.Name, m.Rule)
			continue
		}
		mutated, err := m.apply(base)
		if err != nil {
			t.Errorf("mutation %q: %v", m.Name, err)
			missed = append(missed, m.Name)
			continue
		}
		// The named rule alone: rules are independent, and the whole set
		// over a production plan costs a second per mutation.
		res, err := p.Evaluate(t.Context(), mutated, Options{Now: testNow, Rules: []string{m.Rule}})
		if err != nil {
			t.Fatal(err)
		}
		hit, closed := false, false
		for _, f := range res.Findings {
			if f.RuleID != m.Rule || f.Severity != Deny {
				continue
			}
			if !seen[findingKey(f)] {
				hit = true
			}
			closed = closed || f.Unverified
		}
		switch {
		case hit:
			caught++
			continue
		case closed && base.State == "":
			// Without a rehearsal state the rule already refuses the
			// values it cannot see (fail closed), so check refuses the
			// mutated plan too; with a state the edit itself is found.
			caught++
			failClosed = append(failClosed, m.Name)
			continue
		}
		missed = append(missed, m.Name)
		t.Errorf("mutation %q: %s reports no new deny", m.Name, m.Rule)
	}
	total := len(mf.Mutations)
	summary := fmt.Sprintf("mutation corpus (%s, %s): %d of %d insecure edits caught, detection rate %.1f %%",
		env, stateNote(base), caught, total, 100*float64(caught)/float64(max(total, 1)))
	if len(failClosed) > 0 {
		summary += fmt.Sprintf(" (%d of them refused as unverified only: %s)", len(failClosed), strings.Join(failClosed, "; "))
	}
	t.Log(summary)
	if len(missed) > 0 {
		t.Logf("missed: %s", strings.Join(missed, "; "))
	}
	// `go test ./...` hides a passing test's log: scripts/test.sh names a
	// file here and prints it.
	if path := os.Getenv("LOOKCARD_MUTATION_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(summary+"\n"), 0o644); err != nil {
			t.Error(err)
		}
	}
}

func findingKey(f Finding) string { return f.RuleID + "\x00" + f.Address + "\x00" + f.Message }

func stateNote(p *Plan) string {
	if p.State == "" {
		return "plan only: no usable rehearsal state"
	}
	return "unknowns resolved from " + p.State
}
