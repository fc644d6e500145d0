# METADATA
# title: ECS tasks get no public IP
# description: >-
#   No aws_ecs_service sets network_configuration.assign_public_ip = true.
#   Tasks run in private subnets and reach the internet through NAT.
# custom:
#   id: LC-NET-005
#   severity: deny
#   pci: ["1.4.4", "1.3.1"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_ecs_service]
#   remediation: Set assign_public_ip = false and run the service in module.network's private subnets.
package lookcard.rules.network.ecs_public_ip

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "assign_public_ip is true: every task gets a public address") if {
	some rc in lib.resources("aws_ecs_service")
	some i in lib.blocks(rc, "network_configuration")
	lib.value(rc, ["network_configuration", i, "assign_public_ip"]) == true
}
