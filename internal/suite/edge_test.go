package suite

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/environment"
)

// Edge integrity (issue 20), asserted on each environment's saved offline
// plan: every request enters through the edge meant for it, and the edge
// sees the real client. docs/request-path.md describes the path these check.

// edgePlan is the part of a saved plan the edge checks read.
type edgePlan struct {
	res    []planned
	config map[string]any // configuration.root_module
}

func loadEdgePlan(t *testing.T, path string) edgePlan {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Configuration struct {
			RootModule map[string]any `json:"root_module"`
		} `json:"configuration"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return edgePlan{res: loadPlan(t, path), config: raw.Configuration.RootModule}
}

// moduleOf is the module path of an address ("" for the root).
func moduleOf(addr string) string {
	parts := strings.Split(addr, ".")
	var mod []string
	for i := 0; i+1 < len(parts); i += 2 {
		if parts[i] != "module" {
			break
		}
		mod = append(mod, parts[i], parts[i+1])
	}
	return strings.Join(mod, ".")
}

// key is the for_each key of an address (`…["alb"]` gives alb), or "".
func key(addr string) string {
	i := strings.LastIndex(addr, `["`)
	if i < 0 || !strings.HasSuffix(addr, `"]`) {
		return ""
	}
	return addr[i+2 : len(addr)-2]
}

func list(v any) []any { l, _ := v.([]any); return l }

// cloudflareProxied reports whether Cloudflare proxies the public names.
func (p edgePlan) cloudflareProxied() bool {
	for _, r := range ofType(p.res, "cloudflare_dns_record") {
		if r.After["proxied"] == true {
			return true
		}
	}
	return false
}

// aclBlocksByDefault reports whether the web ACL of module mod blocks what no
// rule allows.
func (p edgePlan) aclBlocksByDefault(mod string) bool {
	for _, r := range ofType(p.res, "aws_wafv2_web_acl") {
		if moduleOf(r.Address) == mod {
			da := first(r.After["default_action"])
			return len(list(da["block"])) == 1 && len(list(da["allow"])) == 0
		}
	}
	return false
}

// associationOf returns the module of the web ACL associated under key k.
func (p edgePlan) associationOf(k string) (string, bool) {
	for _, r := range ofType(p.res, "aws_wafv2_web_acl_association") {
		if key(r.Address) == k {
			return moduleOf(r.Address), true
		}
	}
	return "", false
}

// references are the configuration references of module call mod's argument arg.
func (p edgePlan) references(mod, arg string) []string {
	calls, _ := p.config["module_calls"].(map[string]any)
	call, _ := calls[strings.TrimPrefix(mod, "module.")].(map[string]any)
	exprs, _ := call["expressions"].(map[string]any)
	e, _ := exprs[arg].(map[string]any)
	var out []string
	for _, r := range list(e["references"]) {
		out = append(out, fmt.Sprint(r))
	}
	return out
}

// walk calls f on every JSON object in v, depth first.
func walk(v any, f func(map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		f(x)
		for _, c := range x {
			walk(c, f)
		}
	case []any:
		for _, c := range x {
			walk(c, f)
		}
	}
}

type edgeCheck struct {
	name  string
	check func(p edgePlan) error
}

var edgeChecks = []edgeCheck{
	{"no internet-facing load balancer", func(p edgePlan) error {
		lbs := ofType(p.res, "aws_lb")
		if len(lbs) == 0 {
			return fmt.Errorf("no load balancer in the plan")
		}
		for _, r := range lbs {
			if r.After["internal"] != true {
				return fmt.Errorf("%s is internet-facing (internal = %v)", r.Address, r.After["internal"])
			}
		}
		return nil
	}},
	{"no security group admits 0.0.0.0/0 or ::/0", func(p edgePlan) error {
		open := func(c any) bool { return c == "0.0.0.0/0" || c == "::/0" }
		for _, r := range ofType(p.res, "aws_vpc_security_group_ingress_rule") {
			if open(r.After["cidr_ipv4"]) || open(r.After["cidr_ipv6"]) {
				return fmt.Errorf("%s admits the internet", r.Address)
			}
		}
		for _, r := range ofType(p.res, "aws_security_group") {
			for _, in := range list(r.After["ingress"]) {
				m, _ := in.(map[string]any)
				if slices.ContainsFunc(append(list(m["cidr_blocks"]), list(m["ipv6_cidr_blocks"])...), open) {
					return fmt.Errorf("%s has an inline ingress rule open to the internet", r.Address)
				}
			}
		}
		for _, r := range ofType(p.res, "aws_security_group_rule") {
			if r.After["type"] == "ingress" && slices.ContainsFunc(append(list(r.After["cidr_blocks"]), list(r.After["ipv6_cidr_blocks"])...), open) {
				return fmt.Errorf("%s admits the internet", r.Address)
			}
		}
		return nil
	}},
	{"behind a proxy every IP rule reads the forwarded client address; internal ACLs have none", func(p edgePlan) error {
		proxied := p.cloudflareProxied()
		for _, r := range ofType(p.res, "aws_wafv2_web_acl") {
			tags, _ := r.After["tags"].(map[string]any)
			addr := fmt.Sprint(tags["ClientAddress"])
			mod := moduleOf(r.Address)
			internal := true // only internal callers (ALB behind the NLB, App Runner behind CloudFront)
			for _, a := range ofType(p.res, "aws_wafv2_web_acl_association") {
				if moduleOf(a.Address) == mod && key(a.Address) != "alb" && key(a.Address) != "app-runner" {
					internal = false
				}
			}
			if r.After["scope"] == "CLOUDFRONT" {
				internal = false
			}
			switch {
			case internal && addr != "internal":
				return fmt.Errorf("%s: its only callers are internal, but ClientAddress is %q", r.Address, addr)
			case !internal && proxied && addr != "forwarded:CF-Connecting-IP":
				return fmt.Errorf("%s is behind Cloudflare but its IP rules read %q", r.Address, addr)
			}
			js, ok := r.After["rule_json"].(string)
			if !ok {
				continue // unknown until apply (the allow-list's IP set ARN): the tag above is the evidence
			}
			var rules any
			if err := json.Unmarshal([]byte(js), &rules); err != nil {
				return fmt.Errorf("%s: rule_json: %v", r.Address, err)
			}
			var bad []string
			ipRules, requireHeader := 0, false
			for _, rule := range list(rules) {
				m, _ := rule.(map[string]any)
				name := fmt.Sprint(m["Name"])
				if name == "require-client-ip" {
					requireHeader = true
				}
				walk(m["Statement"], func(o map[string]any) {
					if rb, ok := o["RateBasedStatement"].(map[string]any); ok {
						ipRules++
						if proxied && !internal && (rb["AggregateKeyType"] != "FORWARDED_IP" || rb["ForwardedIPConfig"] == nil) {
							bad = append(bad, name+" aggregates on the source address")
						}
					}
					if is, ok := o["IPSetReferenceStatement"].(map[string]any); ok {
						ipRules++
						if proxied && !internal && is["IPSetForwardedIPConfig"] == nil {
							bad = append(bad, name+" matches the source address")
						}
					}
				})
			}
			if internal && ipRules > 0 {
				bad = append(bad, fmt.Sprintf("%d per-IP rules on an ACL whose callers are internal", ipRules))
			}
			if proxied && !internal && ipRules > 0 && !requireHeader {
				bad = append(bad, "no require-client-ip rule: requests without the header would skip the IP rules")
			}
			if len(bad) > 0 {
				return fmt.Errorf("%s: %s", r.Address, strings.Join(bad, "; "))
			}
		}
		return nil
	}},
	{"App Runner and the ALB answer only their edge", func(p edgePlan) error {
		for _, k := range []string{"app-runner", "alb"} {
			mod, ok := p.associationOf(k)
			if !ok {
				return fmt.Errorf("no web ACL is associated with %s", k)
			}
			if !p.aclBlocksByDefault(mod) {
				return fmt.Errorf("the web ACL of %s (%s) does not block by default", k, mod)
			}
		}
		mod, _ := p.associationOf("app-runner")
		if !slices.Contains(p.references(mod, "associations"), "module.web_app.service_arn") {
			return fmt.Errorf("the app-runner association of %s does not name the App Runner service: %v", mod, p.references(mod, "associations"))
		}
		for _, r := range ofType(p.res, "aws_apprunner_service") {
			ingress := first(first(r.After["network_configuration"])["ingress_configuration"])
			if ingress["is_publicly_accessible"] == false {
				continue // private: reachable through a VPC ingress connection only
			}
			for _, d := range ofType(p.res, "aws_cloudfront_distribution") {
				for _, o := range list(d.After["origin"]) {
					om, _ := o.(map[string]any)
					if om["origin_id"] != "app-runner" {
						continue
					}
					hasHeader := false
					for _, h := range list(om["custom_header"]) {
						hm, _ := h.(map[string]any)
						hasHeader = hasHeader || hm["name"] == "x-origin-verify"
					}
					if !hasHeader {
						return fmt.Errorf("%s sends no x-origin-verify header to App Runner, whose web ACL admits only that", d.Address)
					}
				}
			}
		}
		return nil
	}},
	{"origins authenticate the edge in front", func(p edgePlan) error {
		for _, r := range ofType(p.res, "aws_api_gateway_rest_api") {
			if r.After["disable_execute_api_endpoint"] != true {
				return fmt.Errorf("%s keeps its execute-api endpoint, which skips the custom domain", r.Address)
			}
		}
		if p.cloudflareProxied() {
			// CloudFront's and the API stage's own addresses must not skip
			// Cloudflare: their ACLs admit only Cloudflare's published ranges.
			for _, acl := range ofType(p.res, "aws_wafv2_web_acl") {
				mod := moduleOf(acl.Address)
				if mod != "module.waf_cloudfront" && mod != "module.waf_regional" {
					continue
				}
				ranges := 0
				for _, set := range ofType(p.res, "aws_wafv2_ip_set") {
					if moduleOf(set.Address) == mod && strings.Contains(set.Address, ".proxy[") {
						ranges += len(list(set.After["addresses"]))
					}
				}
				if ranges == 0 {
					return fmt.Errorf("%s admits sources other than Cloudflare's published ranges (no proxy IP set)", acl.Address)
				}
			}
			for _, r := range ofType(p.res, "aws_api_gateway_domain_name") {
				mtls := first(r.After["mutual_tls_authentication"])
				if uri, _ := mtls["truststore_uri"].(string); !strings.HasPrefix(uri, "s3://") {
					return fmt.Errorf("%s accepts connections without Cloudflare's origin-pull certificate (no mutual TLS)", r.Address)
				}
			}
		}
		for _, r := range ofType(p.res, "aws_api_gateway_integration") {
			params, _ := r.After["request_parameters"].(map[string]any)
			if _, ok := params["integration.request.header.x-origin-verify"]; !ok && r.Unknown["request_parameters"] != true {
				return fmt.Errorf("%s does not add the ALB's origin header", r.Address)
			}
		}
		return nil
	}},
	{"each public hostname has exactly one authoritative record", func(p edgePlan) error {
		var hosts []string
		for _, r := range ofType(p.res, "aws_api_gateway_domain_name") {
			hosts = append(hosts, fmt.Sprint(r.After["domain_name"]))
		}
		for _, r := range ofType(p.res, "aws_cloudfront_distribution") {
			for _, a := range list(r.After["aliases"]) {
				hosts = append(hosts, fmt.Sprint(a))
			}
		}
		if len(hosts) == 0 {
			return fmt.Errorf("no public hostname in the plan")
		}
		records := map[string][]string{} // name -> record types in Route 53
		for _, r := range ofType(p.res, "aws_route53_record") {
			if n, ok := r.After["name"].(string); ok {
				records[strings.TrimSuffix(n, ".")] = append(records[strings.TrimSuffix(n, ".")], fmt.Sprint(r.After["type"]))
			}
		}
		proxied := p.cloudflareProxied()
		for _, h := range hosts {
			types := records[h]
			sort.Strings(types)
			switch {
			case proxied && !slices.Equal(types, []string{"CNAME"}):
				return fmt.Errorf("%s: Route 53 records %v, want exactly one CNAME to Cloudflare", h, types)
			case !proxied && (len(types) == 0 || len(slices.Compact(slices.Clone(types))) != len(types) || slices.Contains(types, "CNAME")):
				return fmt.Errorf("%s: Route 53 records %v, want one alias per address family", h, types)
			}
		}
		// Cloudflare holds only proxied origin records (partial setup), never a
		// second public copy of a name Route 53 publishes unproxied.
		for _, r := range ofType(p.res, "cloudflare_dns_record") {
			if r.After["proxied"] != true {
				return fmt.Errorf("%s: an unproxied Cloudflare record of %v would be a second, non-authoritative copy", r.Address, r.After["name"])
			}
		}
		return nil
	}},
	{"the plan role can refresh the edge's secrets and truststore", checkPlanRoleCanRefresh},
}

// planReadable matches what modules/access lets the plan role read beyond
// configuration: <name_prefix>-*-origin-verify-* secrets and the objects of
// <name_prefix>-[<preview>-]api-mtls-<account>, where name_prefix is lookcard-<env>.
var planReadable = struct{ secret, truststore *regexp.Regexp }{
	secret:     regexp.MustCompile(`^lookcard-(` + strings.Join(environment.Names, "|") + `)-[a-z0-9-]+-origin-verify-$`),
	truststore: regexp.MustCompile(`^lookcard-(` + strings.Join(environment.Names, "|") + `)-([a-z0-9-]+-)?api-mtls-[0-9]{12}$`),
}

// checkPlanRoleCanRefresh: a pull request's plan runs as the plan role, which
// refreshes every secret version and S3 object the root manages; the names
// must fall inside what modules/access allows it to read, or every plan after
// the first apply fails with AccessDenied.
func checkPlanRoleCanRefresh(p edgePlan) error {
	for _, r := range ofType(p.res, "aws_secretsmanager_secret") {
		if np, _ := r.After["name_prefix"].(string); strings.Contains(np, "origin-verify") && !planReadable.secret.MatchString(np) {
			return fmt.Errorf("%s: name_prefix %q is outside the plan role's readable secrets (%s)", r.Address, np, planReadable.secret)
		}
	}
	for _, r := range ofType(p.res, "aws_s3_object") {
		if b, _ := r.After["bucket"].(string); !planReadable.truststore.MatchString(b) {
			return fmt.Errorf("%s: bucket %q is outside the objects the plan role may read (%s): a plan's refresh (HeadObject) would be denied", r.Address, b, planReadable.truststore)
		}
	}
	return nil
}

// TestEdgeIntegrity checks every environment's saved offline plan.
func TestEdgeIntegrity(t *testing.T) {
	t.Parallel() // after the sequential tests, so plans saved by the suite are fresh
	root := repoRoot(t)
	newest := newestInput(t, root)
	for _, env := range environment.Names {
		t.Run(env, func(t *testing.T) {
			p := loadEdgePlan(t, offlinePlan(t, root, env, newest))
			for _, c := range edgeChecks {
				t.Run(c.name, func(t *testing.T) {
					if err := c.check(p); err != nil {
						t.Errorf("%s: %v", env, err)
					}
				})
			}
		})
	}
}

// TestEdgeChecksFail proves each check can fail: a plan of the old edge (a
// public ALB open to the internet, App Runner without a web ACL, IP rules on
// Cloudflare's addresses, names in both Route 53 and Cloudflare).
func TestEdgeChecksFail(t *testing.T) {
	old := edgePlan{res: []planned{
		{Address: "module.load_balancers.aws_lb.alb", Type: "aws_lb", After: map[string]any{"internal": false}},
		{Address: `module.security_groups.aws_vpc_security_group_ingress_rule.alb_internet["https"]`, Type: "aws_vpc_security_group_ingress_rule", After: map[string]any{"cidr_ipv4": "0.0.0.0/0"}},
		{Address: "module.waf_regional.aws_wafv2_web_acl.this[0]", Type: "aws_wafv2_web_acl", After: map[string]any{
			"scope": "REGIONAL", "tags": map[string]any{}, "default_action": []any{map[string]any{"allow": []any{map[string]any{}}, "block": []any{}}},
			"rule_json": `[{"Name":"rate-per-ip","Statement":{"RateBasedStatement":{"AggregateKeyType":"IP","Limit":2000}}}]`,
		}},
		{Address: `module.waf_regional.aws_wafv2_web_acl_association.this["alb"]`, Type: "aws_wafv2_web_acl_association", After: map[string]any{}},
		{Address: `module.waf_regional.aws_wafv2_web_acl_association.this["api-stage"]`, Type: "aws_wafv2_web_acl_association", After: map[string]any{}},
		{Address: "module.api_gateway.aws_api_gateway_rest_api.this", Type: "aws_api_gateway_rest_api", After: map[string]any{"disable_execute_api_endpoint": false}},
		{Address: "module.api_gateway.aws_api_gateway_domain_name.this", Type: "aws_api_gateway_domain_name", After: map[string]any{"domain_name": "api.develop.lookcard.com"}},
		{Address: `module.certificates_dns.aws_route53_record.alias["api/A"]`, Type: "aws_route53_record", After: map[string]any{"name": "api.develop.lookcard.com", "type": "A"}},
		{Address: `module.certificates_dns.cloudflare_dns_record.host["api"]`, Type: "cloudflare_dns_record", After: map[string]any{"name": "api.develop.lookcard.com", "proxied": true}},
		{Address: "module.web_app.aws_apprunner_service.this", Type: "aws_apprunner_service", After: map[string]any{}},
		{Address: "module.waf_origins.aws_secretsmanager_secret.origin_verify[0]", Type: "aws_secretsmanager_secret", After: map[string]any{"name_prefix": "origin-verify-"}},
	}}
	for _, c := range edgeChecks {
		if err := c.check(old); err == nil {
			t.Errorf("%q passes the old, bypassable edge", c.name)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
}

// TestRequestPathDoc keeps docs/request-path.md honest: every row of its hop
// table cites a file and a snippet (`path`: `snippet`) that must still be in
// that file, so renaming or removing a control fails here until the page is
// updated. It reads files only.
func TestRequestPathDoc(t *testing.T) {
	root := repoRoot(t)
	doc, err := os.ReadFile(filepath.Join(root, "docs", "request-path.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) != 3 || !strings.HasSuffix(line, "|") || strings.HasPrefix(line, "| hop ") {
			continue
		}
		evidence := strings.TrimSuffix(strings.TrimSpace(cells[2]), " |")
		path, snippet, ok := strings.Cut(evidence, "`: `")
		if !ok || !strings.HasPrefix(path, "`") || !strings.HasSuffix(snippet, "`") {
			continue
		}
		rows++
		path, snippet = strings.Trim(path, "`"), strings.TrimSuffix(snippet, "`")
		b, err := os.ReadFile(filepath.Join(root, path))
		if err != nil {
			t.Errorf("docs/request-path.md cites %s, which cannot be read: %v", path, err)
			continue
		}
		if !strings.Contains(string(b), snippet) {
			t.Errorf("docs/request-path.md is stale: %s no longer contains %q (row %q)", path, snippet, strings.TrimSpace(cells[1]))
		}
	}
	if rows < 10 {
		t.Errorf("docs/request-path.md: found %d hop rows with evidence, want the whole table (at least 10)", rows)
	}
}
