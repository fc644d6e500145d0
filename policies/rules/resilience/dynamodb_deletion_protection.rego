# METADATA
# title: Production DynamoDB tables have deletion protection
# description: >-
#   In production every aws_dynamodb_table sets
#   deletion_protection_enabled = true.
# custom:
#   id: LC-RES-006
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2", "CC8.1"]
#   applies_to: [aws_dynamodb_table]
#   remediation: Set deletion_protection_enabled = true (dynamodb.deletion_protection in terraform.production.tfvars.json).
package lookcard.rules.resilience.dynamodb_deletion_protection

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "deletion_protection_enabled is not true") if {
	some rc in lib.resources("aws_dynamodb_table")
	not lib.enabled(rc, "deletion_protection_enabled")
}
