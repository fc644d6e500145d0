# METADATA
# title: Every DynamoDB table has point-in-time recovery
# description: >-
#   Every aws_dynamodb_table enables point_in_time_recovery, so a table can
#   be restored to any second of the last 35 days after bad writes.
# custom:
#   id: LC-RES-008
#   severity: deny
#   severity_by_environment: {develop: warn, testing: warn, sandbox: warn}
#   pci: ["none"]
#   soc2: ["A1.2", "A1.3"]
#   applies_to: [aws_dynamodb_table]
#   remediation: Add point_in_time_recovery { enabled = true }.
package lookcard.rules.resilience.dynamodb_pitr

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "no point_in_time_recovery: the table cannot be restored to a point in time") if {
	some rc in lib.resources("aws_dynamodb_table")
	not lib.has_block(rc, "point_in_time_recovery")
}

violation contains lib.violation(rc, "point_in_time_recovery is not enabled") if {
	some rc in lib.resources("aws_dynamodb_table")
	some i in lib.blocks(rc, "point_in_time_recovery")
	not lib.enabled(rc, ["point_in_time_recovery", i, "enabled"])
}
