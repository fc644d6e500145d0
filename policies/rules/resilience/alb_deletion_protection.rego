# METADATA
# title: The production public load balancer has deletion protection
# description: >-
#   In production every internet-facing aws_lb sets
#   enable_deletion_protection = true: deleting it takes the platform off
#   the internet and loses its DNS name.
# custom:
#   id: LC-RES-007
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2"]
#   applies_to: [aws_lb, aws_alb]
#   remediation: Set enable_deletion_protection = true (the load-balancers module's deletion_protection).
package lookcard.rules.resilience.alb_deletion_protection

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

public := [rc |
	some rc in array.concat(lib.resources("aws_lb"), lib.resources("aws_alb"))
	lib.value(rc, "internal") != true
]

examined contains rc.address if some rc in public

violation contains lib.violation(rc, "enable_deletion_protection is not true") if {
	some rc in public
	not lib.enabled(rc, "enable_deletion_protection")
}
