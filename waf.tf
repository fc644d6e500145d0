# AWS WAF in front of every public entry point (PCI DSS 6.4.2): a regional web
# ACL on the ALB and the API stage, a CloudFront web ACL (us-east-1) on the
# distribution. Rules are data in the tfvars; sensitive paths come from the catalog.

locals {
  waf_sensitive_paths = sort([for n, r in module.catalog.public_routes : r.path if try(r.sensitive, false) && try(r.path, null) != null])
  waf_rate_limits = {
    per_ip           = var.waf.rate_limit_per_ip
    sensitive_per_ip = var.waf.sensitive_rate_limit_per_ip
    sensitive_paths  = local.waf_sensitive_paths
  }
}

# CloudFront's web ACL logs from us-east-1, so its log key lives there too.
module "kms_us_east_1" {
  source = "./modules/kms"
  providers = {
    aws = aws.us_east_1
  }

  name_prefix             = local.name_prefix
  account_id              = local.account_id
  region                  = "us-east-1"
  partition               = local.partition
  deletion_window_in_days = var.kms.deletion_window_in_days
  administrator_arns      = [for r in var.kms.administrator_role_names : "arn:${local.partition}:iam::${local.account_id}:role/${r}"]
  keys = {
    edge-logs = { description = "CloudFront web ACL logs and us-east-1 alarm topics", log_service = true, service_principals = ["cloudwatch.amazonaws.com"] }
  }
}

# CloudFront's web ACL metrics exist only in us-east-1, and an alarm can only
# notify a topic of its own region: the same two severities, there.
module "alert_topics_us_east_1" {
  source = "./modules/alert-topics"
  providers = {
    aws = aws.us_east_1
  }

  name_prefix   = local.name_prefix
  account_id    = local.account_id
  region        = "us-east-1"
  partition     = local.partition
  kms_key_arn   = module.kms_us_east_1.key_arns["edge-logs"]
  subscriptions = var.monitoring.subscriptions
}

module "waf_regional" {
  source = "./modules/waf"

  name_prefix = local.name_prefix
  scope       = "REGIONAL"
  enabled     = var.waf.enabled
  associations = {
    alb       = module.load_balancers.alb_arn
    api-stage = module.api_gateway.stage_arn
  }
  managed_rule_groups = var.waf.managed_rule_groups
  rate_limits         = local.waf_rate_limits
  allow_cidrs         = var.waf.allow_cidrs
  logging = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
  alarms = var.waf.alarms == null ? null : merge(var.waf.alarms, { topic_arn = module.observability.topic_arns["warning"] })
}

module "waf_cloudfront" {
  source = "./modules/waf"
  providers = {
    aws = aws.us_east_1
  }

  name_prefix         = local.name_prefix
  scope               = "CLOUDFRONT"
  enabled             = var.waf.enabled
  managed_rule_groups = var.waf.managed_rule_groups
  rate_limits         = local.waf_rate_limits
  allow_cidrs         = var.waf.allow_cidrs
  logging = {
    kms_key_arn       = module.kms_us_east_1.key_arns["edge-logs"]
    retention_in_days = var.logs.retention_in_days
  }
  alarms = var.waf.alarms == null ? null : merge(var.waf.alarms, { topic_arn = module.alert_topics_us_east_1.topic_arns["warning"] })
}
