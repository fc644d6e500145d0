# METADATA
# title: Production databases have deletion protection
# description: >-
#   In production every aws_rds_cluster and aws_db_instance sets
#   deletion_protection = true, so no apply or console click can drop it.
# custom:
#   id: LC-RES-005
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2", "CC8.1"]
#   applies_to: [aws_rds_cluster, aws_db_instance]
#   remediation: Set deletion_protection = true.
package lookcard.rules.resilience.database_deletion_protection

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "deletion_protection is not true") if {
	some type in ["aws_rds_cluster", "aws_db_instance"]
	some rc in lib.resources(type)
	not lib.enabled(rc, "deletion_protection")
}
