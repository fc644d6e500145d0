# METADATA
# title: Production databases keep 35 days of backups
# description: >-
#   In production every aws_rds_cluster and aws_db_instance sets
#   backup_retention_period to 35 days (the maximum), for point-in-time
#   restore across a full monthly cycle.
# custom:
#   id: LC-RES-004
#   severity: deny
#   severity_by_environment: {develop: skip, testing: skip, staging: skip, sandbox: skip}
#   pci: ["none"]
#   soc2: ["A1.2", "A1.3"]
#   applies_to: [aws_rds_cluster, aws_db_instance]
#   remediation: Set backup_retention_period = 35 (aurora.backup_retention_days in terraform.production.tfvars.json).
package lookcard.rules.resilience.aurora_backups

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, sprintf("backup_retention_period is %v, not 35 days", [lib.value(rc, "backup_retention_period")])) if {
	some type in ["aws_rds_cluster", "aws_db_instance"]
	some rc in lib.resources(type)
	not lib.at_least(rc, "backup_retention_period", 35)
}
