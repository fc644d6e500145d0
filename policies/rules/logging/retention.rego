# METADATA
# title: Production log groups keep a year of history
# description: >-
#   In production every aws_cloudwatch_log_group keeps events for at least
#   365 days (retention_in_days >= 365, or 0/unset: never expire), so a
#   year of audit history is available and the last three months at once.
# custom:
#   id: LC-LOG-003
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["10.5.1"]
#   soc2: ["CC7.2", "CC7.3"]
#   applies_to: [aws_cloudwatch_log_group]
#   remediation: Set retention_in_days = 365 or more (logs.retention_in_days in terraform.production.tfvars.json).
package lookcard.rules.logging.retention

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, sprintf("retention_in_days is %v: production keeps logs for at least 365 days", [days])) if {
	some rc in lib.resources("aws_cloudwatch_log_group")
	days := lib.value(rc, "retention_in_days")
	is_number(days)
	days > 0
	days < 365
}
