# METADATA
# title: VPC flow logs record all traffic
# description: >-
#   Every aws_vpc has an aws_flow_log (matched by vpc_id, or by its
#   configuration reference when the id is unknown) with traffic_type ALL,
#   so both accepted and rejected connections are on record.
# custom:
#   id: LC-NET-009
#   severity: deny
#   pci: ["10.2.1", "1.2.1"]
#   soc2: ["CC7.2"]
#   applies_to: [aws_vpc, aws_flow_log]
#   remediation: Add aws_flow_log { vpc_id = aws_vpc.this.id, traffic_type = "ALL" } to an encrypted log group.
package lookcard.rules.network.flow_logs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

logs(vpc) := [f |
	some f in lib.resources("aws_flow_log")
	logs_vpc(f, vpc)
]

logs_vpc(f, vpc) if lib.refers_to(f, "vpc_id", vpc)

logs_vpc(f, vpc) if {
	id := lib.value(f, "vpc_id")
	is_string(id)
	id == lib.value(vpc, "id")
}

violation contains lib.violation(vpc, "no aws_flow_log: the VPC's traffic is not recorded") if {
	some vpc in lib.resources("aws_vpc")
	count(logs(vpc)) == 0
}

violation contains lib.violation(f, sprintf("traffic_type is %v, not ALL", [lib.value(f, "traffic_type")])) if {
	some f in lib.resources("aws_flow_log")
	not lib.equals(f, "traffic_type", "ALL")
}
