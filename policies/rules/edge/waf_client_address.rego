# METADATA
# title: Web ACL IP rules evaluate the client, not the proxy
# description: >-
#   Every web ACL says where its callers come from in its ClientAddress tag
#   (modules/waf). Behind a proxy ("forwarded:<header>") every rate-based
#   rule aggregates on that forwarded address, every IP set match reads it,
#   and a rule blocks requests without the header (WAF skips forwarded-IP
#   rules when it is missing). The one source-address match allowed there is
#   the proxy's own published ranges (modules/waf names those IP sets
#   <acl>-proxy-ipv4/-ipv6), which decide whether the header is believed.
#   An ACL whose only callers are internal
#   ("internal") has no per-IP rule, which would count the whole API as the
#   two or three addresses of an NLB. A rule_json known only after apply is
#   reported as unverified.
# custom:
#   id: LC-EDGE-002
#   severity: deny
#   pci: ["6.4.2", "1.4.1"]
#   soc2: ["CC6.6", "CC7.2"]
#   applies_to: [aws_wafv2_web_acl]
#   remediation: >-
#     Pass client_ip = { behind = "proxy", forwarded_ip_header = "CF-Connecting-IP" }
#     to modules/waf for an ACL behind Cloudflare, or { behind = "internal" }
#     with rate_limits = null and no allow_cidrs for one behind an NLB.
package lookcard.rules.edge.waf_client_address

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

client_address(rc) := object.get(object.get(rc.change.after, "tags", {}), "ClientAddress", null)

rules(rc) := json.unmarshal(lib.value(rc, "rule_json")) if is_string(lib.value(rc, "rule_json"))

unverified contains rc.address if {
	some rc in lib.resources("aws_wafv2_web_acl")
	not is_string(lib.value(rc, "rule_json"))
}

# ip_statements(rc): the rate-based and IP set statements, by rule name.
ip_statements(rc) := [[r.Name, kind, s] |
	some r in rules(rc)
	walk(r.Statement, [_, node])
	is_object(node)
	some kind in ["RateBasedStatement", "IPSetReferenceStatement"]
	s := node[kind]
]

forwarded(kind, s) if {
	kind == "RateBasedStatement"
	s.AggregateKeyType == "FORWARDED_IP"
	s.ForwardedIPConfig.HeaderName != ""
}

forwarded(kind, s) if {
	kind == "IPSetReferenceStatement"
	s.IPSetForwardedIPConfig.HeaderName != ""
}

# The proxy's published ranges, matched on the source address on purpose.
proxy_source(kind, s) if {
	kind == "IPSetReferenceStatement"
	not s.IPSetForwardedIPConfig
	regex.match(`/ipset/[^/]+-proxy-ipv[46]/`, s.ARN)
}

header_present(st, header) if lower(st.SizeConstraintStatement.FieldToMatch.SingleHeader.Name) == lower(header)

# Blocks unless the header is present (and, with the proxy's ranges, the
# request comes from them).
requires_header(rc, header) if {
	some r in rules(rc)
	object.keys(r.Action) == {"Block"}
	header_present(r.Statement.NotStatement.Statement, header)
}

requires_header(rc, header) if {
	some r in rules(rc)
	object.keys(r.Action) == {"Block"}
	some st in r.Statement.NotStatement.Statement.AndStatement.Statements
	header_present(st, header)
}

violation contains lib.violation(rc, "no ClientAddress tag: the web ACL does not say whether a proxy precedes it") if {
	some rc in lib.resources("aws_wafv2_web_acl")
	not lib.unknown(rc, "tags")
	not is_string(client_address(rc))
}

violation contains lib.violation(rc, sprintf("rule %s reads the proxy's source address although the ACL is behind a proxy (%s)", [name, client_address(rc)])) if {
	some rc in lib.resources("aws_wafv2_web_acl")
	startswith(client_address(rc), "forwarded:")
	some [name, kind, s] in ip_statements(rc)
	not forwarded(kind, s)
	not proxy_source(kind, s)
}

violation contains lib.violation(rc, sprintf("behind a proxy (%s) no rule blocks requests without the header, so they skip every forwarded-IP rule", [client_address(rc)])) if {
	some rc in lib.resources("aws_wafv2_web_acl")
	startswith(client_address(rc), "forwarded:")
	count(ip_statements(rc)) > 0
	not requires_header(rc, substring(client_address(rc), count("forwarded:"), -1))
}

violation contains lib.violation(rc, sprintf("rule %s is a per-IP rule on an ACL whose only callers are internal: every request would count as the same few clients", [name])) if {
	some rc in lib.resources("aws_wafv2_web_acl")
	client_address(rc) == "internal"
	some [name, _, _] in ip_statements(rc)
}
