# METADATA
# title: Aurora exports its database logs to CloudWatch
# description: >-
#   Every Aurora PostgreSQL aws_rds_cluster exports the postgresql log (with
#   pgaudit and connection logging from the parameter group) and every Aurora
#   MySQL cluster the audit log, to CloudWatch Logs where they are encrypted
#   and retained.
# custom:
#   id: LC-LOG-007
#   severity: deny
#   pci: ["10.2.1", "10.2.2"]
#   soc2: ["CC7.2"]
#   applies_to: [aws_rds_cluster]
#   remediation: Set enabled_cloudwatch_logs_exports = ["postgresql"] (Aurora MySQL ["audit", "error"]).
package lookcard.rules.logging.aurora_logs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

wanted(engine) := "postgresql" if engine == "aurora-postgresql"

wanted(engine) := "audit" if engine in {"aurora-mysql", "aurora"}

exports(rc, log) if log in object.get(rc.change.after, "enabled_cloudwatch_logs_exports", [])

exports(rc, _) if lib.unknown(rc, "enabled_cloudwatch_logs_exports")

violation contains lib.violation(rc, sprintf("enabled_cloudwatch_logs_exports does not include %s: database activity is not recorded", [log])) if {
	some rc in lib.resources("aws_rds_cluster")
	log := wanted(lib.value(rc, "engine"))
	not exports(rc, log)
}
