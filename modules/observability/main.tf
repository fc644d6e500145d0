# Operational observability of one environment: two SNS alert topics
# (alerting.tf, through the alert-topics module), CloudWatch alarms derived
# from the inputs (alarms.tf), dashboards (dashboards.tf) and X-Ray sampling,
# groups and encryption (xray.tf). Audit logging (CloudTrail, GuardDuty,
# Security Hub, Config) is the audit module's.

locals {
  # Alert topic ARN by severity (critical, warning). The alert-topics module
  # builds them from known parts, so every alarm's actions and the outputs are
  # known at plan time.
  topic_arns = module.alert_topics.topic_arns

  thresholds = var.monitoring.thresholds
  reduced    = var.monitoring.level == "reduced"

  long_running = { for n, s in var.services : n => s if s.kind != "job" }
  jobs         = { for n, s in var.services : n => s if s.kind == "job" }
  exposed      = { for n, s in var.services : n => s if s.exposed && s.kind != "job" }

  # ElastiCache names the member clusters of a replication group (cluster
  # mode disabled) <replication group id>-001, -002, ...; CloudWatch reports
  # Redis metrics per member cluster.
  redis_nodes = var.redis == null ? [] : [for i in range(1 + var.redis.replicas) : format("%s-%03d", var.redis.replication_group_id, i + 1)]

  nat_gateways = { for i, id in var.nat_gateway_ids : "nat-${i + 1}" => id }

  # Names that AWS limits to 32 characters (X-Ray groups and sampling rules):
  # the name itself when it fits, else its first 23 characters and a hash.
  short_names = { for n in concat(["sampling", "errors"], keys(var.services)) : n => (
    length("${var.name_prefix}-${n}") <= 32 ? "${var.name_prefix}-${n}" : "${substr("${var.name_prefix}-${n}", 0, 23)}-${substr(sha1("${var.name_prefix}-${n}"), 0, 8)}"
  ) }
}
