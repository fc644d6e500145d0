# METADATA
# title: Production Aurora runs at least two instances in distinct AZs
# description: >-
#   In production every provisioned aws_rds_cluster has two or more
#   aws_rds_cluster_instance members (matched by cluster_identifier or its
#   configuration reference) in at least two availability zones, so a
#   reader can be promoted when the writer's zone fails. Instances whose zone
#   is unknown at plan time count as distinct.
# custom:
#   id: LC-RES-001
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2"]
#   applies_to: [aws_rds_cluster]
#   remediation: Add reader instances in other zones (aurora.instances in terraform.production.tfvars.json).
package lookcard.rules.resilience.aurora_multi_az

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

clusters := [rc |
	some rc in lib.resources("aws_rds_cluster")
	lib.value(rc, "engine_mode") in {null, "provisioned"}
]

examined contains rc.address if some rc in clusters

members(cluster) := [i |
	some i in lib.resources("aws_rds_cluster_instance")
	member(i, cluster)
]

member(i, cluster) if lib.refers_to(i, "cluster_identifier", cluster)

member(i, cluster) if {
	id := lib.value(i, "cluster_identifier")
	is_string(id)
	id == lib.value(cluster, "cluster_identifier")
}

zones(instances) := count({z | some i in instances; z := lib.value(i, "availability_zone"); is_string(z)}) + count([i | some i in instances; not is_string(lib.value(i, "availability_zone"))])

violation contains lib.violation(rc, sprintf("%d instance(s) in %d availability zone(s): production needs at least 2 instances in distinct zones", [count(instances), zones(instances)])) if {
	some rc in clusters
	instances := members(rc)
	not multi_az(instances)
}

multi_az(instances) if {
	count(instances) >= 2
	zones(instances) >= 2
}
