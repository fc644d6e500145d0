# METADATA
# title: API Gateway stages are protected by AWS WAF
# description: >-
#   Every aws_api_gateway_stage has an aws_wafv2_web_acl_association whose
#   resource_arn is the stage's ARN. The ARNs are read from the rehearsal
#   state (unverified without one). Sandbox runs without WAF by design.
# custom:
#   id: LC-WAF-002
#   severity: deny
#   severity_by_environment: {sandbox: warn}
#   pci: ["6.4.2"]
#   soc2: ["CC6.6", "CC7.1"]
#   equivalents: {security_hub: [APIGateway.4], checkov: [CKV2_AWS_29]}
#   applies_to: [aws_api_gateway_stage]
#   remediation: >-
#     Keep waf.enabled = true; module.waf_regional associates its web ACL with
#     module.api_gateway.stage_arn.
package lookcard.rules.waf.api_gateway

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

associations := lib.resources("aws_wafv2_web_acl_association")

associated(rc) if {
	some a in associations
	arn := lib.value(a, "resource_arn")
	is_string(arn)
	arn == lib.value(rc, "arn")
}

undecided(rc) if {
	not associated(rc)
	lib.unknown(rc, "arn")
	count(associations) > 0
}

undecided(rc) if {
	not associated(rc)
	some a in associations
	lib.unknown(a, "resource_arn")
}

unverified contains rc.address if {
	some rc in lib.resources("aws_api_gateway_stage")
	undecided(rc)
}

violation contains lib.violation(rc, "no aws_wafv2_web_acl_association names this stage: API requests are not inspected by WAF") if {
	some rc in lib.resources("aws_api_gateway_stage")
	not associated(rc)
	not undecided(rc)
}
