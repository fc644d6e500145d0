# METADATA
# title: Production databases take a final snapshot when deleted
# description: >-
#   In production no aws_rds_cluster or aws_db_instance sets
#   skip_final_snapshot = true, and each names its final_snapshot_identifier.
# custom:
#   id: LC-RES-009
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2"]
#   applies_to: [aws_rds_cluster, aws_db_instance]
#   remediation: Set skip_final_snapshot = false and final_snapshot_identifier = "<name>-final".
package lookcard.rules.resilience.final_snapshot

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

databases := array.concat(lib.resources("aws_rds_cluster"), lib.resources("aws_db_instance"))

violation contains lib.violation(rc, "skip_final_snapshot is true: deleting it loses the data for good") if {
	some rc in databases
	lib.value(rc, "skip_final_snapshot") == true
}

violation contains lib.violation(rc, "no final_snapshot_identifier: deletion fails or takes no snapshot") if {
	some rc in databases
	lib.value(rc, "skip_final_snapshot") != true
	not lib.is_set(rc, "final_snapshot_identifier")
}
