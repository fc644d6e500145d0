package compliance

import (
	"strings"
	"testing"
	"time"
)

func TestGlobPattern(t *testing.T) {
	cases := []struct {
		glob, address string
		want          bool
	}{
		{"module.load_balancers*.aws_s3_bucket.access_logs", "module.load_balancers.aws_s3_bucket.access_logs", true},
		{"module.load_balancers*.aws_s3_bucket.access_logs", `module.load_balancers["edge"].aws_s3_bucket.access_logs`, true},
		{"module.load_balancers*.aws_s3_bucket.access_logs", "module.audit.aws_s3_bucket.access_logs", false},
		{`module.ecs_service["card-api"].aws_ecs_task_definition.this`, `module.ecs_service["card-api"].aws_ecs_task_definition.this`, true},
		{`module.ecs_service["card-api"].*`, `module.ecs_service["card-apx"].aws_ecs_service.this[0]`, false},
		{`module.ecs_service[*].aws_ecs_service.this[?]`, `module.ecs_service["x"].aws_ecs_service.this[0]`, true},
		{"aws_s3_bucket.a", "aws_s3_bucket.ab", false},
		{"aws_s3_bucket.a.b", "aws_s3_bucket.aXb", false},
		{"*", "(plan)", true},
	}
	for _, c := range cases {
		re, err := globPattern(c.glob)
		if err != nil {
			t.Fatal(err)
		}
		if got := re.MatchString(c.address); got != c.want {
			t.Errorf("glob %q on %q: %v, want %v", c.glob, c.address, got, c.want)
		}
	}
}

func TestExpiry(t *testing.T) {
	e := Exception{expires: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 12, 30, 23, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC), false}, // holds through its expiry date
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		if got := e.Expired(c.now); got != c.want {
			t.Errorf("expired at %s: %v, want %v", c.now, got, c.want)
		}
	}
}

func TestParseExceptionsErrors(t *testing.T) {
	p := loadPolicies(t)
	valid := "  - id: x\n    rule: LC-ENC-004\n    resource: aws_s3_bucket.a\n    justification: why\n    owner: platform-team\n    expires: \"2027-01-31\"\n"
	cases := []struct{ name, doc, want string }{
		{"unknown rule", strings.Replace(valid, "LC-ENC-004", "LC-XYZ-999", 1), "no rule LC-XYZ-999"},
		{"missing owner", strings.Replace(valid, "    owner: platform-team\n", "", 1), "has no owner"},
		{"bad date", strings.Replace(valid, `"2027-01-31"`, `"next year"`, 1), "is not a date"},
		{"duplicate id", valid + valid, "used twice"},
		{"unknown field", valid + "    approved_by: me\n", "approved_by"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseExceptions([]byte("exceptions:\n"+c.doc), p.Rules)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	// A wildcard for every resource, and an expiry beyond the maximum
	// validity, are refused (as of a fixed day, so the test never ages).
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ name, doc, want string }{
		{"every resource", strings.Replace(valid, "aws_s3_bucket.a", `"*"`, 1), `resource "*" matches every resource`},
		{"only wildcards", strings.Replace(valid, "aws_s3_bucket.a", `"**?"`, 1), "matches every resource"},
		{"five-year expiry", strings.Replace(valid, `"2027-01-31"`, `"2031-12-01"`, 1), "more than 365 days ahead (latest allowed today: 2027-12-01)"},
		{"a day past the maximum", strings.Replace(valid, `"2027-01-31"`, `"2027-12-02"`, 1), "more than 365 days ahead"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseExceptionsAt([]byte("exceptions:\n"+c.doc), p.Rules, now)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	if _, err := ParseExceptionsAt([]byte("exceptions:\n"+strings.Replace(valid, `"2027-01-31"`, `"2027-12-01"`, 1)), p.Rules, now); err != nil {
		t.Errorf("an expiry at the maximum validity must pass: %v", err)
	}
	if es, err := ParseExceptions(nil, p.Rules); err != nil || len(es) != 0 {
		t.Errorf("an empty file: %v, %v", es, err)
	}
}

// withExceptions is the repository's policies with other exceptions.
func withExceptions(t *testing.T, doc string) *Policies {
	t.Helper()
	p := *loadPolicies(t)
	es, err := ParseExceptions([]byte(doc), p.Rules)
	if err != nil {
		t.Fatal(err)
	}
	p.Exceptions = es
	return &p
}

const unencryptedBuckets = `{"format_version": "1.2",
 "variables": {"environment": {"value": "production"}},
 "resource_changes": [
  {"address": "module.load_balancers.aws_s3_bucket.access_logs", "module_address": "module.load_balancers", "mode": "managed", "type": "aws_s3_bucket", "name": "access_logs",
   "change": {"actions": ["create"], "after": {"bucket": "alb-logs"}, "after_unknown": {}}},
  {"address": "aws_s3_bucket.exports", "mode": "managed", "type": "aws_s3_bucket", "name": "exports",
   "change": {"actions": ["create"], "after": {"bucket": "exports"}, "after_unknown": {}}}
 ]}`

func TestExceptionsApply(t *testing.T) {
	plan, err := ParsePlan("buckets", []byte(unencryptedBuckets))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, doc     string
		findings      []string // "rule address" of the remaining findings
		suppressed    []string
		expiredFailed bool
		unused        []string
	}{
		{
			name: "an active exception with a glob suppresses its resource only",
			doc: `exceptions:
  - {id: alb-logs, rule: LC-ENC-004, resource: "module.load_balancers*.aws_s3_bucket.access_logs", justification: ALB logs support SSE-S3 only, owner: platform-team, expires: "2027-11-30"}`,
			findings:   []string{"LC-ENC-004 aws_s3_bucket.exports"},
			suppressed: []string{"LC-ENC-004 module.load_balancers.aws_s3_bucket.access_logs"},
		},
		{
			name: "an expired exception suppresses nothing and fails",
			doc: `exceptions:
  - {id: alb-logs, rule: LC-ENC-004, resource: "module.load_balancers.*", justification: old, owner: platform-team, expires: "2026-11-28"}`,
			findings: []string{"LC-ENC-004 aws_s3_bucket.exports", "LC-ENC-004 module.load_balancers.*",
				"LC-ENC-004 module.load_balancers.aws_s3_bucket.access_logs"},
			expiredFailed: true,
		},
		{
			name: "an exception for another rule does not apply",
			doc: `exceptions:
  - {id: logs, rule: LC-ENC-005, resource: "aws_s3_bucket.*", justification: x, owner: y, expires: "2027-01-01"}`,
			findings: []string{"LC-ENC-004 aws_s3_bucket.exports", "LC-ENC-004 module.load_balancers.aws_s3_bucket.access_logs"},
			unused:   []string{"logs"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := withExceptions(t, c.doc)
			res, err := p.Evaluate(t.Context(), plan, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if got := ruleAddresses(res.Findings, "LC-ENC-004"); strings.Join(got, "|") != strings.Join(c.findings, "|") {
				t.Errorf("findings %v, want %v", got, c.findings)
			}
			if got := ruleAddresses(res.Suppressed, "LC-ENC-004"); strings.Join(got, "|") != strings.Join(c.suppressed, "|") {
				t.Errorf("suppressed %v, want %v", got, c.suppressed)
			}
			ctl, _ := res.Control("LC-ENC-004")
			if c.expiredFailed {
				var msg string
				for _, f := range res.Findings {
					if f.Exception != "" {
						msg = f.Message
					}
				}
				if want := "exception alb-logs for LC-ENC-004 expired on 2026-11-28"; !strings.HasPrefix(msg, want) {
					t.Errorf("expired exception message %q, want it to start with %q", msg, want)
				}
				if ctl.Status != Fail {
					t.Errorf("control status %s, want fail", ctl.Status)
				}
			}
			if len(c.suppressed) > 0 && (len(ctl.Excepted) != 1 || ctl.Status != Fail) {
				t.Errorf("control %+v: want one excepted address and a failure for the other bucket", ctl)
			}
			if strings.Join(res.Unused, ",") != strings.Join(c.unused, ",") {
				t.Errorf("unused exceptions %v, want %v", res.Unused, c.unused)
			}
		})
	}
}

func ruleAddresses(fs []Finding, id string) []string {
	var out []string
	for _, f := range fs {
		if f.RuleID == id {
			out = append(out, f.RuleID+" "+f.Address)
		}
	}
	return out
}

func TestRepositoryExceptions(t *testing.T) {
	p := loadPolicies(t)
	var alb *Exception
	for i, e := range p.Exceptions {
		if e.Expired(testNow) {
			t.Errorf("exception %s expired on %s", e.ID, e.Expires)
		}
		if e.Rule == "LC-ENC-004" && e.Matches("LC-ENC-004", "module.load_balancers.module.access_logs_bucket.aws_s3_bucket.this[0]") {
			alb = &p.Exceptions[i]
		}
	}
	if alb == nil {
		t.Fatal("policies/exceptions.yaml has no exception for the ALB access-log bucket (SSE-S3 only)")
	}
	if alb.Owner != "platform-team" || alb.Expiry().Before(testNow.AddDate(0, 11, 0)) {
		t.Errorf("the ALB access-log exception should be owned by platform-team and expire about a year out: %+v", *alb)
	}
	if alb.Matches("LC-ENC-004", "module.audit.aws_s3_bucket.logs") {
		t.Error("the ALB access-log exception must not cover other buckets")
	}
}
