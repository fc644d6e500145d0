# METADATA
# title: Subnets do not hand out public IPs
# description: >-
#   No aws_subnet sets map_public_ip_on_launch = true; even the public tier
#   (NAT gateways, the ALB) needs none, and an instance or task launched
#   there by mistake would otherwise be reachable.
# custom:
#   id: LC-NET-007
#   severity: deny
#   pci: ["1.4.4"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_subnet]
#   remediation: Set map_public_ip_on_launch = false.
package lookcard.rules.network.subnet_public_ip

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "map_public_ip_on_launch is true: anything launched here gets a public address") if {
	some rc in lib.resources("aws_subnet")
	lib.value(rc, "map_public_ip_on_launch") == true
}
