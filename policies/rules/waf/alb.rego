# METADATA
# title: Application load balancers are protected by AWS WAF
# description: >-
#   Every application load balancer (internet-facing or internal behind the
#   API's VPC link) has an
#   aws_wafv2_web_acl_association whose resource_arn is the load balancer's
#   ARN, so the web ACL (managed rule groups, rate limits) inspects every
#   request before it reaches a service. ARNs are only known at apply time:
#   the check reads them from the rehearsal state, and is unverified
#   without one. Sandbox runs without WAF by design (a warning there).
# custom:
#   id: LC-WAF-001
#   severity: deny
#   severity_by_environment: {sandbox: warn}
#   pci: ["6.4.2"]
#   soc2: ["CC6.6", "CC7.1"]
#   equivalents: {security_hub: [ELB.16], checkov: [CKV2_AWS_28]}
#   applies_to: [aws_lb, aws_alb]
#   remediation: >-
#     Keep waf.enabled = true in the environment's tfvars; a regional web ACL
#     (module.waf_origins) is associated with module.load_balancers.alb_arn.
package lookcard.rules.waf.alb

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

albs contains rc if {
	some type in ["aws_lb", "aws_alb"]
	some rc in lib.resources(type)
	lib.value(rc, "load_balancer_type") in {"application", null}
}

examined contains rc.address if some rc in albs

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
	some rc in albs
	undecided(rc)
}

violation contains lib.violation(rc, "no aws_wafv2_web_acl_association names this load balancer: requests reach the services uninspected") if {
	some rc in albs
	not associated(rc)
	not undecided(rc)
}
