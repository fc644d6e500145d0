# METADATA
# title: Aurora and RDS storage is encrypted with a customer-managed KMS key
# description: >-
#   Every aws_rds_cluster and aws_db_instance sets storage_encrypted = true
#   and a kms_key_id, so the database, its backups and snapshots are
#   encrypted under a key LookCard controls (and can revoke), not the
#   AWS-managed aws/rds key.
# custom:
#   id: LC-ENC-001
#   severity: deny
#   pci: ["3.5.1", "3.6.1"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [aws_rds_cluster, aws_db_instance]
#   remediation: >-
#     Set storage_encrypted = true and kms_key_id = module.kms.key_arns["data"]
#     (a new cluster is needed to encrypt an existing one: restore a snapshot
#     copied with the key).
package lookcard.rules.encryption.aurora

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

databases := array.concat(lib.resources("aws_rds_cluster"), lib.resources("aws_db_instance"))

violation contains lib.violation(rc, "storage_encrypted is not true: data, backups and snapshots are stored unencrypted") if {
	some rc in databases
	not lib.enabled(rc, "storage_encrypted")
}

violation contains lib.violation(rc, "no kms_key_id: storage is encrypted with the AWS-managed aws/rds key, not a customer-managed key") if {
	some rc in databases
	lib.enabled(rc, "storage_encrypted")
	not lib.is_set(rc, "kms_key_id")
}
