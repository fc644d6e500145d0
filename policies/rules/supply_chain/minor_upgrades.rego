# METADATA
# title: Databases and caches take minor engine upgrades automatically
# description: >-
#   Every aws_rds_cluster_instance, aws_db_instance and
#   aws_elasticache_replication_group keeps auto_minor_version_upgrade on,
#   so engine security patches are applied in the maintenance window.
# custom:
#   id: LC-SUP-003
#   severity: deny
#   pci: ["6.3.3"]
#   soc2: ["CC7.1", "CC8.1"]
#   equivalents: {security_hub: [RDS.13, ElastiCache.2], checkov: [CKV_AWS_226]}
#   applies_to: [aws_rds_cluster_instance, aws_db_instance, aws_elasticache_replication_group]
#   remediation: Keep auto_minor_version_upgrade = true (pin only the major version; AWS applies minor upgrades).
package lookcard.rules.supply_chain.minor_upgrades

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "auto_minor_version_upgrade is false: engine security patches are not applied") if {
	some type in ["aws_rds_cluster_instance", "aws_db_instance", "aws_elasticache_replication_group"]
	some rc in lib.resources(type)
	lib.value(rc, "auto_minor_version_upgrade") in {false, "false"}
}
