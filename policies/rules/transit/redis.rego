# METADATA
# title: ElastiCache requires TLS in transit
# description: >-
#   Every aws_elasticache_replication_group sets transit_encryption_enabled =
#   true with transit_encryption_mode "required" ("preferred" still accepts
#   plaintext clients, which is only meant for migrating to TLS).
# custom:
#   id: LC-TLS-001
#   severity: deny
#   pci: ["4.2.1", "2.2.7"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_elasticache_replication_group]
#   remediation: Set transit_encryption_enabled = true and transit_encryption_mode = "required"; clients connect with TLS.
package lookcard.rules.transit.redis

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "transit_encryption_enabled is not true: clients and replicas talk in plaintext") if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.enabled(rc, "transit_encryption_enabled")
}

violation contains lib.violation(rc, sprintf("transit_encryption_mode is %v, not required: plaintext connections are still accepted", [lib.value(rc, "transit_encryption_mode")])) if {
	some rc in lib.resources("aws_elasticache_replication_group")
	lib.enabled(rc, "transit_encryption_enabled")
	not lib.equals(rc, "transit_encryption_mode", "required")
}
