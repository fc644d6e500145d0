# METADATA
# title: Production has a NAT gateway in every AZ with private subnets
# description: >-
#   In production the number of aws_nat_gateway resources is at least the
#   number of distinct availability zones of the private subnets (Tier tag
#   "private", or "-private-" in the name), so losing one zone does not cut
#   the others off from the internet.
# custom:
#   id: LC-RES-003
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2"]
#   applies_to: [aws_vpc, aws_nat_gateway]
#   remediation: Set network.nat_gateway_count to the number of availability zones.
package lookcard.rules.resilience.nat_per_az

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

private(subnet) if lib.tag(subnet, "Tier") == "private"

private(subnet) if contains(lib.tag(subnet, "Name"), "-private-")

private_zones := {z |
	some s in lib.resources("aws_subnet")
	private(s)
	z := lib.value(s, "availability_zone")
	is_string(z)
}

nat_count := count(lib.resources("aws_nat_gateway"))

subject := vpc.address if {
	vpcs := lib.resources("aws_vpc")
	count(vpcs) == 1
	some vpc in vpcs
}

default subject := "(plan)"

violation contains {"address": subject, "msg": sprintf("%d NAT gateway(s) for private subnets in %d availability zones (%s): one zone's failure cuts the others off", [nat_count, count(private_zones), concat(", ", sort(private_zones))])} if {
	nat_count < count(private_zones)
}
