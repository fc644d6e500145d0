package compliance

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A task policy embedding a role ARN is unknown at plan time: the issue's
// `Action:"*", Resource:"*"` passed that way. Production now fails closed on
// it, and the rehearsal state's value shows the violation itself.
const unknownPolicyPlan = `{"format_version": "1.2",
 "variables": {"environment": {"value": "production"}},
 "resource_changes": [
  {"address": "module.svc.aws_iam_role_policy.task", "module_address": "module.svc", "mode": "managed", "type": "aws_iam_role_policy", "name": "task",
   "change": {"actions": ["create"], "after": {"name": "task"}, "after_unknown": {"policy": true, "id": true, "role": true}}},
  {"address": "module.svc.aws_eip.nat", "module_address": "module.svc", "mode": "managed", "type": "aws_eip", "name": "nat",
   "change": {"actions": ["create"], "after": {"domain": "vpc"}, "after_unknown": {"instance": true, "id": true}}}
 ],
 "output_changes": {"role": {"actions": ["create"], "after": null, "after_unknown": true, "after_sensitive": false}},
 "configuration": {"root_module": {"module_calls": {"svc": {"source": "./modules/svc", "module": {"resources": [
  {"address": "aws_iam_role_policy.task", "mode": "managed", "type": "aws_iam_role_policy", "name": "task",
   "expressions": {"name": {"constant_value": "task"}, "policy": {"references": ["local.policy"]}, "role": {"references": ["aws_iam_role.task.id"]}}},
  {"address": "aws_eip.nat", "mode": "managed", "type": "aws_eip", "name": "nat", "expressions": {"domain": {"constant_value": "vpc"}}}
 ]}}}}}}`

const rehearsalState = `{"version": 4, "resources": [
  {"module": "module.svc", "mode": "managed", "type": "aws_iam_role_policy", "name": "task", "instances": [
   {"attributes": {"id": "x:task", "name": "task", "role": "x",
     "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}]},
  {"module": "module.svc", "mode": "managed", "type": "aws_eip", "name": "nat", "instances": [
   {"attributes": {"id": "eipalloc-1", "domain": "vpc", "instance": "i-offline"}}]}
 ],
 "outputs": {"role": {"value": "arn:aws:iam::1:role/x", "type": "string"}}}`

func TestUnknownPolicyFailsClosedAndResolvesFromState(t *testing.T) {
	p := loadPolicies(t)
	plan, err := ParsePlan("p", []byte(unknownPolicyPlan))
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Evaluate(t.Context(), plan, Options{Now: testNow, Rules: []string{"LC-IAM-001"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || !res.Findings[0].Unverified || res.Findings[0].Severity != Deny {
		t.Fatalf("an unknown policy in production must be an unverified deny, got %+v", res.Findings)
	}
	if c, _ := res.Control("LC-IAM-001"); c.Status != Fail {
		t.Errorf("control status %s, want fail", c.Status)
	}

	st, err := ParseState("s", []byte(rehearsalState))
	if err != nil {
		t.Fatal(err)
	}
	resolved, remaining, err := plan.Resolve("s", st)
	if err != nil {
		t.Fatal(err)
	}
	// The policy, role and id (configured or identifiers) and the output are
	// filled; the EIP's instance is the offline provider's invention and
	// stays unknown.
	if resolved != 3 || remaining != 1 {
		t.Errorf("resolved %d, remaining %d; want 3 and 1", resolved, remaining)
	}
	res, err = p.Evaluate(t.Context(), plan, Options{Now: testNow, Rules: []string{"LC-IAM-001", "LC-NET-006", "LC-SEC-004"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+" "+f.Address)
		if f.Unverified {
			t.Errorf("still unverified after resolution: %+v", f)
		}
	}
	if len(got) != 1 || got[0] != "LC-IAM-001 module.svc.aws_iam_role_policy.task" {
		t.Errorf("findings %v, want only LC-IAM-001 on the task policy", got)
	}
	if res.State != "s" {
		t.Errorf("result state %q", res.State)
	}
}

func TestUsableState(t *testing.T) {
	dir := t.TempDir()
	plan, state := filepath.Join(dir, "p.json"), filepath.Join(dir, "terraform.tfstate")
	if err := os.WriteFile(plan, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ok, why := UsableState(state, plan); ok || why != "" {
		t.Errorf("no state: %v %q", ok, why)
	}
	if err := os.WriteFile(state, []byte(`{"version": 4, "resources": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if ok, why := UsableState(state, plan); ok || why != "it holds no resources (destroyed)" {
		t.Errorf("destroyed state: %v %q", ok, why)
	}
	if err := os.WriteFile(state, []byte(rehearsalState), 0o644); err != nil {
		t.Fatal(err)
	}
	if ok, why := UsableState(state, plan); !ok {
		t.Errorf("fresh state refused: %q", why)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(state, old, old); err != nil {
		t.Fatal(err)
	}
	if ok, why := UsableState(state, plan); ok || why != "it is older than the plan" {
		t.Errorf("stale state: %v %q", ok, why)
	}
}
