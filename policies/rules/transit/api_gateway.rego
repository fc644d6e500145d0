# METADATA
# title: API Gateway custom domains require TLS 1.2
# description: >-
#   Every aws_api_gateway_domain_name sets security_policy TLS_1_2 (or a
#   TLS 1.3 SecurityPolicy_* policy); the REST API default is TLS_1_0.
#   Every aws_apigatewayv2_domain_name's domain_name_configuration does the
#   same.
# custom:
#   id: LC-TLS-005
#   severity: deny
#   pci: ["4.2.1"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_api_gateway_domain_name, aws_apigatewayv2_domain_name]
#   remediation: Set security_policy = "TLS_1_2" (domain_name_configuration.security_policy for HTTP APIs).
package lookcard.rules.transit.api_gateway

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

strong(rc, p) if regex.match(`^(TLS_1_2|SecurityPolicy_TLS1[23]_)`, lib.value(rc, p))

strong(rc, p) if lib.unknown(rc, p)

violation contains lib.violation(rc, sprintf("security_policy is %v: clients may negotiate TLS 1.0", [lib.value(rc, "security_policy")])) if {
	some rc in lib.resources("aws_api_gateway_domain_name")
	not strong(rc, "security_policy")
}

violation contains lib.violation(rc, sprintf("domain_name_configuration security_policy is %v, not TLS_1_2", [lib.value(rc, ["domain_name_configuration", i, "security_policy"])])) if {
	some rc in lib.resources("aws_apigatewayv2_domain_name")
	some i in lib.blocks(rc, "domain_name_configuration")
	not strong(rc, ["domain_name_configuration", i, "security_policy"])
}
