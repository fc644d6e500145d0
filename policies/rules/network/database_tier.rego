# METADATA
# title: Databases and caches live on the database subnet tier
# description: >-
#   Aurora clusters and instances, RDS instances and ElastiCache groups use a
#   subnet group from the plan that is the database tier (named "...-database"
#   or tagged Tier = database): isolated subnets reached only from the
#   private tier. No subnet group means the default VPC's public subnets.
# custom:
#   id: LC-NET-003
#   severity: deny
#   pci: ["1.4.4", "1.3.1"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_rds_cluster, aws_rds_cluster_instance, aws_db_instance, aws_elasticache_replication_group, aws_elasticache_cluster]
#   remediation: Set db_subnet_group_name / subnet_group_name to module.network's db_subnet_group_name / elasticache_subnet_group_name.
package lookcard.rules.network.database_tier

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

# [type, subnet group argument, whether it may be omitted (inherited)]
targets := [
	["aws_rds_cluster", "db_subnet_group_name", false],
	["aws_db_instance", "db_subnet_group_name", false],
	["aws_rds_cluster_instance", "db_subnet_group_name", true],
	["aws_elasticache_replication_group", "subnet_group_name", false],
	["aws_elasticache_cluster", "subnet_group_name", true],
]

subnet_groups := array.concat(lib.resources("aws_db_subnet_group"), lib.resources("aws_elasticache_subnet_group"))

database_group(g) if endswith(lib.value(g, "name"), "-database")

database_group(g) if lib.tag(g, "Tier") == "database"

database_tier(name) if {
	some g in subnet_groups
	lib.value(g, "name") == name
	database_group(g)
}

violation contains lib.violation(rc, sprintf("no %s: it is placed in the default VPC's subnets", [attr])) if {
	some [type, attr, inherited] in targets
	not inherited
	some rc in lib.resources(type)
	not lib.is_set(rc, attr)
}

violation contains lib.violation(rc, sprintf("%s %s is not the database tier's subnet group", [attr, name])) if {
	some [type, attr, _] in targets
	some rc in lib.resources(type)
	name := lib.value(rc, attr)
	is_string(name)
	not database_tier(name)
}

violation contains lib.violation(rc, sprintf("%s refers to %s, which is not the database tier", [attr, g])) if {
	some [type, attr, _] in targets
	some rc in lib.resources(type)
	lib.unknown(rc, attr)
	some g in lib.referenced(rc, attr)
	lib.by_address[g].type in {"aws_db_subnet_group", "aws_elasticache_subnet_group"}
	not database_group(lib.by_address[g])
}
