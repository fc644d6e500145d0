# Observability and audit: alarms, dashboards and X-Ray generated from the
# catalog and the tiers; CloudTrail, GuardDuty, Security Hub and Config once
# per account (not for previews, which share the sandbox account).

module "observability" {
  source = "./modules/observability"

  name_prefix = local.name_prefix
  account_id  = local.account_id
  region      = var.aws_region
  alerting = {
    kms_key_arn   = module.kms.key_arns["logs"]
    subscriptions = var.monitoring.subscriptions
    # GuardDuty, Security Hub and Config findings and root activity of the
    # home region; IAM changes arrive in us-east-1 (waf.tf). Once per account.
    routes = var.preview == "" ? ["guardduty-high", "guardduty-medium", "securityhub-high", "config-noncompliant", "root-activity"] : []
  }
  monitoring = {
    level              = var.monitoring.level
    thresholds         = var.monitoring.thresholds
    cluster_dashboards = var.monitoring.cluster_dashboards
  }
  services = { for n, s in module.catalog.ecs_services : n => {
    cluster_name            = module.ecs_clusters.clusters[s.cluster].name
    service_name            = module.ecs_service[n].service_name
    kind                    = s.kind
    exposed                 = s.exposure == "public"
    desired                 = s.capacity.desired
    target_group_arn_suffix = s.exposure == "public" ? module.load_balancers.target_group_arn_suffixes[n] : null
    dead_letter_queue_name  = s.kind == "job" ? "${local.name_prefix}-${n}-dlq" : null
    # Scheduled scaling takes every long-running service to zero tasks
    # outside working hours (modules/ecs-service).
    scales_to_zero = var.compute.scheduled_scaling && s.kind != "job"
  } }
  clusters           = [for c in module.catalog.clusters : module.ecs_clusters.clusters[c].name]
  container_insights = var.compute.container_insights != "disabled"
  alb_arn_suffix     = module.load_balancers.alb_arn_suffix
  aurora = {
    cluster_identifier = module.aurora.cluster_identifier
    max_capacity       = var.aurora.max_capacity
    readers            = var.aurora.reader_count
  }
  rds_proxy_name       = var.aurora.proxy.enabled ? "${local.name_prefix}-rds-proxy" : null
  redis                = { replication_group_id = module.redis.replication_group_id, replicas = var.redis.replicas }
  dynamodb_table_names = [for t in values(module.dynamodb.tables) : t.name]
  api_gateway          = { api_name = "${local.name_prefix}-api", stage = module.api_gateway.stage_name }
  nat_gateway_ids      = values(module.network.nat_gateway_ids)
  xray = {
    sampling_rate = var.monitoring.xray_sampling_rate
    kms_key_arn   = module.kms.key_arns["data"]
    # One X-Ray encryption setting per account: previews share the sandbox
    # account and leave it to the sandbox stack (like module.audit).
    manage_encryption = var.preview == ""
  }
}

module "audit" {
  source = "./modules/audit"
  count  = var.preview == "" ? 1 : 0

  name_prefix              = local.name_prefix
  permissions_boundary_arn = local.permissions_boundary_arn
  account_id               = local.account_id
  region                   = var.aws_region
  logs = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
  audit = merge(var.audit, {
    trail_kms_key_arn = module.kms.key_arns["audit"]
    # Object-level events on this environment's Terraform state bucket.
    data_events_bucket_arns = ["arn:${local.partition}:s3:::lookcard-terraform-state-${var.environment}"]
  })
}

# Log groups App Runner creates itself (their names hold the service ID, so
# they cannot be created first): once they exist, each plan finds them and
# imports them into the app-runner module, which gives them the logs key and
# the retention. Import blocks must be in the root module. Nothing to import
# before the service exists, nor offline.
import {
  for_each = module.web_app.aws_created_log_groups
  to       = module.web_app.aws_cloudwatch_log_group.aws_created[each.key]
  id       = each.value
}

# The environment's AWS Budget from the tfvars figure `lookcard cost` checks
# (one per account: sandbox previews share the sandbox's). The topic ARNs are
# known before the topics exist, so nothing else orders the budget after the
# topic policies (and the KMS key policy) that let AWS Budgets publish:
# depends_on does, for its notifications.
module "budgets" {
  source     = "./modules/budgets"
  count      = var.budget != null && var.preview == "" ? 1 : 0
  depends_on = [module.observability]

  name_prefix = local.name_prefix
  account_id  = local.account_id
  budget      = var.budget
  topic_arns = {
    critical = module.observability.topic_arns["critical"]
    warning  = module.observability.topic_arns["warning"]
  }
}
