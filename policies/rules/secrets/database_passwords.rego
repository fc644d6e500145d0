# METADATA
# title: Database master passwords are managed by RDS, never configured
# description: >-
#   Every aws_rds_cluster and aws_db_instance sets
#   manage_master_user_password = true (RDS keeps the password in Secrets
#   Manager and rotates it) and no master_password, which would be stored in
#   plan and state files. Clusters restored from a snapshot or replicating
#   another are exempt from manage_master_user_password.
# custom:
#   id: LC-SEC-005
#   severity: deny
#   pci: ["8.6.2", "8.3.2", "8.6.3"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_rds_cluster, aws_db_instance]
#   remediation: Remove master_password and set manage_master_user_password = true (with master_user_secret_kms_key_id).
package lookcard.rules.secrets.database_passwords

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

databases := array.concat(lib.resources("aws_rds_cluster"), lib.resources("aws_db_instance"))

inherits_credentials(rc) if {
	some attr in ["snapshot_identifier", "replication_source_identifier", "global_cluster_identifier", "replicate_source_db"]
	lib.is_set(rc, attr)
}

violation contains lib.violation(rc, "master_password is set: the password is stored in plan and state files") if {
	some rc in databases
	lib.is_set(rc, "master_password")
}

violation contains lib.violation(rc, "manage_master_user_password is not true: the master password is not managed and rotated by RDS") if {
	some rc in databases
	not lib.enabled(rc, "manage_master_user_password")
	not inherits_credentials(rc)
}
