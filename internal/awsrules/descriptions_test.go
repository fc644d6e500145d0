package awsrules

import (
	"strings"
	"testing"
)

// The descriptions that failed issue 20's first apply (a parenthesis in an
// IP set's, an apostrophe in a web ACL's) and what the APIs accept.
func TestCheckDescriptions(t *testing.T) {
	res := func(addr, typ, d string) Resource {
		return Resource{Address: addr, Type: typ, After: map[string]any{"description": d}}
	}
	p := &Plan{Resources: []Resource{
		res("module.waf.aws_wafv2_ip_set.proxy[\"IPV4\"]", "aws_wafv2_ip_set", "Source ranges of the proxy in front of this ACL (the only callers it admits)"),
		res("module.waf.aws_wafv2_web_acl.this[0]", "aws_wafv2_web_acl", "LookCard origin guard: admits only the edge's secret origin header"),
		res("aws_security_group.bad", "aws_security_group", "Bastion's group"),
		res("aws_vpc_security_group_ingress_rule.bad", "aws_vpc_security_group_ingress_rule", strings.Repeat("x", 256)),
		res("module.waf.aws_wafv2_ip_set.allow[0]", "aws_wafv2_ip_set", "Reseller partners and the office, allowed ahead of the other rules"),
		res("module.waf.aws_wafv2_web_acl.ok", "aws_wafv2_web_acl", "LookCard regional web ACL: AWS managed rules, per-IP rate limits, partner allow-list"),
		res("aws_security_group.ok", "aws_security_group", "ALB (internal): HTTPS from the NLB only; [443] to tasks"),
		res("aws_vpc_security_group_egress_rule.empty", "aws_vpc_security_group_egress_rule", ""),
	}}
	got := map[string]bool{}
	for _, v := range CheckDescriptions(p) {
		got[v.Address] = true
		if !strings.Contains(v.Message, "refused by the API") {
			t.Errorf("%s: message does not say why: %s", v.Address, v.Message)
		}
	}
	for _, a := range []string{`module.waf.aws_wafv2_ip_set.proxy["IPV4"]`, "module.waf.aws_wafv2_web_acl.this[0]", "aws_security_group.bad", "aws_vpc_security_group_ingress_rule.bad"} {
		if !got[a] {
			t.Errorf("%s: refused description not reported", a)
		}
		delete(got, a)
	}
	for a := range got {
		t.Errorf("%s: accepted description reported", a)
	}
}
