# METADATA
# title: Every VPC's default security group allows nothing
# description: >-
#   Every aws_vpc has an aws_default_security_group in the plan with no
#   ingress and no egress rules. AWS's default group lets its members talk
#   to each other and to anywhere; anything attached to it by mistake would
#   be exposed.
# custom:
#   id: LC-NET-002
#   severity: deny
#   pci: ["1.2.1", "1.3.1"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_vpc, aws_default_security_group]
#   remediation: Add resource "aws_default_security_group" { vpc_id = aws_vpc.this.id } with no ingress or egress blocks.
package lookcard.rules.network.default_security_group

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

manages_default(vpc) if {
	some d in lib.resources("aws_default_security_group")
	lib.refers_to(d, "vpc_id", vpc)
}

manages_default(vpc) if {
	some d in lib.resources("aws_default_security_group")
	id := lib.value(d, "vpc_id")
	is_string(id)
	id == lib.value(vpc, "id")
}

violation contains lib.violation(vpc, "no aws_default_security_group: the default group allows traffic between its members and all egress") if {
	some vpc in lib.resources("aws_vpc")
	not manages_default(vpc)
}

violation contains lib.violation(rc, sprintf("has %d %s rule(s): the default security group must allow nothing", [count(lib.blocks(rc, direction)), direction])) if {
	some rc in lib.resources("aws_default_security_group")
	some direction in ["ingress", "egress"]
	count(lib.blocks(rc, direction)) > 0
}
