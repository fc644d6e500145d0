# METADATA
# title: Databases and caches are monitored
# description: >-
#   Every Aurora/RDS instance has Enhanced Monitoring (monitoring_interval
#   above 0) and Performance Insights, and every ElastiCache replication
#   group delivers its slow log to CloudWatch Logs. This is operational
#   monitoring: no PCI DSS requirement asks for it, so the rule maps to SOC 2
#   only.
# custom:
#   id: LC-LOG-014
#   severity: deny
#   severity_by_environment: {develop: warn, testing: warn, sandbox: warn}
#   pci: ["none"]
#   soc2: ["CC7.2", "A1.1"]
#   equivalents: {security_hub: [RDS.6], checkov: [CKV_AWS_118, CKV_AWS_353]}
#   applies_to: [aws_rds_cluster_instance, aws_db_instance, aws_elasticache_replication_group]
#   remediation: >-
#     Set monitoring_interval = 60 (with a monitoring role) and
#     performance_insights_enabled = true on the instances
#     (modules/aurora-postgres); keep log_delivery_configuration for the
#     slow log on the replication group (modules/redis).
package lookcard.rules.logging.database_monitoring

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

instances := [rc |
	some type in ["aws_rds_cluster_instance", "aws_db_instance"]
	some rc in lib.resources(type)
]

violation contains lib.violation(rc, "monitoring_interval is 0: Enhanced Monitoring is off") if {
	some rc in instances
	not lib.unknown(rc, "monitoring_interval")
	object.get(rc.change.after, "monitoring_interval", 0) in {0, null}
}

violation contains lib.violation(rc, "performance_insights_enabled is not true") if {
	some rc in instances
	not lib.enabled(rc, "performance_insights_enabled")
}

violation contains lib.violation(rc, "no log_delivery_configuration for slow-log: slow and blocked commands are not recorded") if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.unknown(rc, "log_delivery_configuration")
	not delivers_slow_log(rc)
}

delivers_slow_log(rc) if {
	some i in lib.blocks(rc, "log_delivery_configuration")
	lib.value(rc, ["log_delivery_configuration", i, "log_type"]) == "slow-log"
}
