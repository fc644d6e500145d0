# METADATA
# title: Production ElastiCache fails over automatically across AZs
# description: >-
#   In production every aws_elasticache_replication_group has
#   automatic_failover_enabled and multi_az_enabled, with at least one
#   replica (num_cache_clusters >= 2), so losing the primary's zone promotes
#   a replica.
# custom:
#   id: LC-RES-002
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2"]
#   applies_to: [aws_elasticache_replication_group]
#   remediation: Set automatic_failover_enabled = true, multi_az_enabled = true and redis.replicas >= 1.
package lookcard.rules.resilience.redis_failover

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, sprintf("%s is not true", [attr])) if {
	some rc in lib.resources("aws_elasticache_replication_group")
	some attr in ["automatic_failover_enabled", "multi_az_enabled"]
	not lib.enabled(rc, attr)
}

violation contains lib.violation(rc, sprintf("num_cache_clusters is %v: there is no replica to fail over to", [lib.value(rc, "num_cache_clusters")])) if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not replicated(rc)
}

replicated(rc) if lib.at_least(rc, "num_cache_clusters", 2)

replicated(rc) if lib.at_least(rc, "replicas_per_node_group", 1)
