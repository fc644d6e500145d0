# METADATA
# title: ElastiCache encrypts data at rest with a customer-managed KMS key
# description: >-
#   Every aws_elasticache_replication_group sets at_rest_encryption_enabled
#   (the provider types it as the string "true") and a kms_key_id, so cache
#   nodes, swap and snapshots are encrypted under LookCard's key.
# custom:
#   id: LC-ENC-002
#   severity: deny
#   pci: ["3.5.1", "3.6.1"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [aws_elasticache_replication_group]
#   remediation: >-
#     Set at_rest_encryption_enabled = true and kms_key_id =
#     module.kms.key_arns["data"] (changing either replaces the group).
package lookcard.rules.encryption.redis

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "at_rest_encryption_enabled is not true: cache data and snapshots are stored unencrypted") if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.enabled(rc, "at_rest_encryption_enabled")
}

violation contains lib.violation(rc, "no kms_key_id: data at rest is encrypted with the AWS-managed key, not a customer-managed key") if {
	some rc in lib.resources("aws_elasticache_replication_group")
	lib.enabled(rc, "at_rest_encryption_enabled")
	not lib.is_set(rc, "kms_key_id")
}
