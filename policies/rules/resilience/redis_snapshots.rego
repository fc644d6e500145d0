# METADATA
# title: Production ElastiCache keeps daily snapshots
# description: >-
#   In production every aws_elasticache_replication_group sets
#   snapshot_retention_limit to at least 1, so the cache's durable state
#   (sessions, idempotency data) can be restored.
# custom:
#   id: LC-RES-010
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2"]
#   applies_to: [aws_elasticache_replication_group]
#   remediation: Set snapshot_retention_limit = 7 and a snapshot_window outside peak hours.
package lookcard.rules.resilience.redis_snapshots

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, sprintf("snapshot_retention_limit is %v: no snapshots are kept", [lib.value(rc, "snapshot_retention_limit")])) if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.at_least(rc, "snapshot_retention_limit", 1)
}
