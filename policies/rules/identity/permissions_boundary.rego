# METADATA
# title: Every role the pipeline creates carries the permissions boundary
# description: >-
#   Every aws_iam_role in an environment's stack (the stack the deploy role
#   applies) sets permissions_boundary, so that no role the pipeline
#   creates can hold more than the boundary allows, whatever policies it is
#   given. bootstrap/ (applied by an administrator) creates the pipeline
#   roles themselves and defines the boundary; it is not checked here. A
#   boundary ARN known only at apply time is read from the rehearsal state.
# custom:
#   id: LC-IAM-011
#   severity: deny
#   pci: ["7.2.1", "7.2.2", "7.2.5"]
#   soc2: ["CC6.1", "CC6.3"]
#   equivalents: {security_hub: [], checkov: []}
#   applies_to: [aws_iam_role]
#   remediation: >-
#     Set permissions_boundary = var.permissions_boundary_arn (the boundary
#     policy bootstrap/ creates) on every aws_iam_role; the deploy role may
#     create roles only with that boundary.
package lookcard.rules.identity.permissions_boundary

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

examined contains rc.address if {
	not lib.bootstrap
	some rc in lib.resources("aws_iam_role")
}

unverified contains rc.address if {
	not lib.bootstrap
	some rc in lib.resources("aws_iam_role")
	lib.unknown(rc, "permissions_boundary")
}

violation contains lib.violation(rc, "permissions_boundary is not set: the role may be given any permission, beyond what the pipeline is allowed to grant") if {
	not lib.bootstrap
	some rc in lib.resources("aws_iam_role")
	lib.missing(rc, "permissions_boundary")
}
