# METADATA
# title: Application load balancers drop invalid HTTP header fields
# description: >-
#   Every application load balancer sets drop_invalid_header_fields = true,
#   so that headers that are not valid HTTP (a request-smuggling and header
#   injection vector) are removed before a service sees them.
# custom:
#   id: LC-NET-013
#   severity: deny
#   pci: ["6.2.4"]
#   soc2: ["CC6.6", "CC7.1"]
#   equivalents: {security_hub: [ELB.4], checkov: [CKV_AWS_131]}
#   applies_to: [aws_lb, aws_alb]
#   remediation: Set drop_invalid_header_fields = true on the aws_lb (modules/load-balancers).
package lookcard.rules.network.alb_invalid_headers

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

examined contains rc.address if {
	some type in ["aws_lb", "aws_alb"]
	some rc in lib.resources(type)
	lib.value(rc, "load_balancer_type") in {"application", null}
}

violation contains lib.violation(rc, "drop_invalid_header_fields is not true: malformed headers are forwarded to the services") if {
	some type in ["aws_lb", "aws_alb"]
	some rc in lib.resources(type)
	lib.value(rc, "load_balancer_type") in {"application", null}
	not lib.enabled(rc, "drop_invalid_header_fields")
}
