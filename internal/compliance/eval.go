package compliance

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
)

// Options tune an evaluation.
type Options struct {
	// Now decides which exceptions have expired (default: the current time).
	Now time.Time
	// Environment overrides the plan's own TF_VAR_environment.
	Environment string
	// Locator, when set, finds where each finding's resource is declared.
	Locator Locator
	// Rules, when set, evaluates only these rules (the result has no
	// control for the others): the mutation corpus asks one rule at a time.
	Rules []string
}

// violation is what a rule reports.
type violation struct {
	Address string
	Message string
}

// Evaluate runs every rule over a plan and applies the exceptions.
func (p *Policies) Evaluate(ctx context.Context, plan *Plan, opts Options) (*Result, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	env := plan.Environment
	if opts.Environment != "" {
		env = opts.Environment
	}
	query, only, err := p.queryFor(ctx, opts.Rules)
	if err != nil {
		return nil, err
	}
	rs, err := query.Eval(ctx, rego.EvalParsedInput(plan.input))
	if err != nil {
		return nil, fmt.Errorf("evaluating policies over %s: %w", plan.Name, err)
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("evaluating policies over %s: %d results, want 1 (a rule is undefined)", plan.Name, len(rs))
	}
	b := rs[0].Bindings

	res := &Result{Environment: env, Preview: plan.Preview, Bootstrap: plan.Bootstrap, Plan: plan.Name, State: plan.State, Findings: []Finding{}, Suppressed: []Finding{}}
	used := map[string]bool{}
	for i, r := range p.Rules {
		if only != nil && !only[i] {
			continue
		}
		vs, err := violations(b[fmt.Sprintf("v%d", i)])
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.ID, err)
		}
		level := r.Level(env)
		ctl := Control{RuleID: r.ID, Level: level, Passed: []string{}, Failed: []string{}, Unverified: []string{}, Excepted: []string{}}
		if level == Skip {
			ctl.Status = NotApplicable
			res.Controls = append(res.Controls, ctl)
			continue
		}
		var examined []string
		if r.examined {
			examined = stringList(b[fmt.Sprintf("e%d", i)])
		} else {
			examined = plan.addresses(r.AppliesTo)
		}
		unverified := set(stringList(b[fmt.Sprintf("u%d", i)]))
		failed, excepted := map[string]bool{}, map[string]bool{}
		for _, v := range vs {
			f := Finding{RuleID: r.ID, Title: r.Title, Severity: level, Address: v.Address, Message: v.Message,
				PCI: r.PCI, SOC2: r.SOC2, Remediation: r.Remediation}
			if e, ok := p.exceptionFor(r.ID, v.Address, now); ok {
				f.Exception = e.ID
				used[e.ID] = true
				excepted[v.Address] = true
				res.Suppressed = append(res.Suppressed, f)
				continue
			}
			failed[v.Address] = true
			res.Findings = append(res.Findings, f)
		}
		for _, a := range examined {
			if !failed[a] && !excepted[a] && !unverified[a] {
				ctl.Passed = append(ctl.Passed, a)
			}
		}
		for a := range unverified {
			if !failed[a] && !excepted[a] {
				ctl.Unverified = append(ctl.Unverified, a)
			}
		}
		ctl.Failed, ctl.Excepted = keys(failed), keys(excepted)
		sort.Strings(ctl.Passed)
		sort.Strings(ctl.Unverified)
		// Fail closed: what the plan cannot show is a finding of its own
		// (deny in production and staging), never a pass.
		ulevel := r.UnverifiedLevel(env)
		for _, a := range ctl.Unverified {
			f := Finding{RuleID: r.ID, Title: r.Title, Severity: ulevel, Address: a, Message: UnverifiedMessage,
				PCI: r.PCI, SOC2: r.SOC2, Remediation: r.Remediation, Unverified: true}
			if e, ok := p.exceptionFor(r.ID, a, now); ok {
				f.Exception = e.ID
				used[e.ID] = true
				res.Suppressed = append(res.Suppressed, f)
				continue
			}
			res.Findings = append(res.Findings, f)
		}
		ctl.Status = Pass
		worst := level
		if len(ctl.Failed) == 0 {
			worst = ulevel
		} else if ulevel == Deny && len(ctl.Unverified) > 0 {
			worst = Deny
		}
		if len(ctl.Failed) > 0 || len(ctl.Unverified) > 0 {
			ctl.Status = map[Level]Status{Deny: Fail, Warn: Warning}[worst]
		}
		res.Controls = append(res.Controls, ctl)
	}

	for _, e := range p.Exceptions {
		if only != nil {
			break // exceptions are judged over every rule
		}
		switch {
		case e.Expired(now):
			r, _ := p.Rule(e.Rule)
			res.Findings = append(res.Findings, Finding{RuleID: e.Rule, Title: r.Title, Severity: Deny, Address: e.Resource,
				Message: fmt.Sprintf("exception %s for %s expired on %s (owner %s): fix the finding or renew the exception", e.ID, e.Rule, e.Expires, e.Owner),
				PCI:     r.PCI, SOC2: r.SOC2, Remediation: r.Remediation, Exception: e.ID})
			for i := range res.Controls {
				if c := &res.Controls[i]; c.RuleID == e.Rule {
					c.Failed = append(c.Failed, e.Resource)
					c.Status = Fail
				}
			}
		case !used[e.ID]:
			res.Unused = append(res.Unused, e.ID)
		}
	}
	if opts.Locator != nil {
		for _, list := range [][]Finding{res.Findings, res.Suppressed} {
			for i := range list {
				if loc, ok := opts.Locator.Locate(list[i].Address); ok {
					list[i].Location = &loc
				}
			}
		}
	}
	sortFindings(res.Findings)
	sortFindings(res.Suppressed)
	return res, nil
}

// queryFor is the prepared query of every rule, or of the rules named.
func (p *Policies) queryFor(ctx context.Context, ids []string) (rego.PreparedEvalQuery, map[int]bool, error) {
	if len(ids) == 0 {
		return p.query, nil, nil
	}
	only := map[int]bool{}
	for _, id := range ids {
		found := false
		for i, r := range p.Rules {
			if r.ID == id {
				only[i], found = true, true
			}
		}
		if !found {
			return rego.PreparedEvalQuery{}, nil, fmt.Errorf("no rule %s", id)
		}
	}
	key := strings.Join(ids, ",")
	p.mu.Lock()
	defer p.mu.Unlock()
	if q, ok := p.subset[key]; ok {
		return q, only, nil
	}
	q, err := rego.New(rego.Compiler(p.compiler), rego.Query(p.queryText(only))).PrepareForEval(ctx)
	if err != nil {
		return rego.PreparedEvalQuery{}, nil, fmt.Errorf("preparing the query of %s: %w", key, err)
	}
	if p.subset == nil {
		p.subset = map[string]rego.PreparedEvalQuery{}
	}
	p.subset[key] = q
	return q, only, nil
}

func (p *Policies) exceptionFor(ruleID, address string, now time.Time) (Exception, bool) {
	for _, e := range p.Exceptions {
		if !e.Expired(now) && e.Matches(ruleID, address) {
			return e, true
		}
	}
	return Exception{}, false
}

// sortFindings orders denies first, then by rule and address.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity != b.Severity {
			return a.Severity == Deny
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		return a.Message < b.Message
	})
}

// violations decodes a rule's violation set.
func violations(v any) ([]violation, error) {
	list, ok := v.([]any)
	if !ok && v != nil {
		return nil, fmt.Errorf("violation is %T, want a set", v)
	}
	out := make([]violation, 0, len(list))
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("violation %v is not an object with address and msg", x)
		}
		a, msg := str(m["address"]), str(m["msg"])
		if a == "" || msg == "" {
			return nil, fmt.Errorf("violation %v lacks address or msg", x)
		}
		out = append(out, violation{Address: a, Message: msg})
	}
	return out, nil
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
