# AWS WAF in front of every public entry point (PCI DSS 6.4.2): a regional web
# ACL on the API stage and a CloudFront web ACL (us-east-1) on the
# distribution, both behind Cloudflare, so their IP rules read the client
# address Cloudflare forwards (CF-Connecting-IP); and an origin guard on the
# internal ALB and App Runner that admits only requests carrying the secret
# header API Gateway or CloudFront adds. Rules are data in the tfvars;
# sensitive paths come from the catalog. docs/request-path.md has the picture.

locals {
  # Cloudflare proxies the public names (docs/request-path.md): the edge ACLs
  # see Cloudflare's addresses as the source.
  edge_behind_cloudflare = var.cloudflare.zone_id != null && var.cloudflare.proxied
  # Only Cloudflare's published ranges may call the edge: CloudFront's and the
  # API's own AWS addresses would otherwise skip Cloudflare (issue 20).
  waf_client_ip = local.edge_behind_cloudflare ? {
    behind              = "proxy"
    forwarded_ip_header = "CF-Connecting-IP"
    proxy_cidrs         = var.cloudflare.ip_ranges
  } : { behind = "internet", forwarded_ip_header = null, proxy_cidrs = [] }

  # IP reputation groups judge the source address, which behind Cloudflare is
  # Cloudflare's own: blocking would block every client at once.
  waf_ip_reputation_groups = ["AWSManagedRulesAnonymousIpList", "AWSManagedRulesAmazonIpReputationList"]
  waf_edge_managed_rule_groups = { for n, g in var.waf.managed_rule_groups : n => (
    local.edge_behind_cloudflare && contains(local.waf_ip_reputation_groups, n) ? {
      priority = g.priority
      action   = "count"
      reason   = "Behind Cloudflare this ACL sees Cloudflare's addresses, so an IP-reputation group would judge (and block) Cloudflare itself; it only counts here, and Cloudflare's own IP reputation and bot rules act on the client address at the edge."
    } : { priority = g.priority, action = g.action, reason = g.reason }
  ) }

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
    edge-logs = { description = "CloudFront web ACL logs and us-east-1 alarm topics", log_service = true, service_principals = ["cloudwatch.amazonaws.com", "events.amazonaws.com"] }
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
  # IAM is global: its CloudTrail events and the root user's console
  # sign-ins reach EventBridge in us-east-1 only. Once per account.
  routes = var.preview == "" ? ["iam-changes", "root-activity"] : []
}

module "waf_regional" {
  source = "./modules/waf"

  name_prefix = local.name_prefix
  scope       = "REGIONAL"
  enabled     = var.waf.enabled
  associations = {
    api-stage = module.api_gateway.stage_arn
  }
  client_ip           = local.waf_client_ip
  managed_rule_groups = local.waf_edge_managed_rule_groups
  rate_limits         = local.waf_rate_limits
  allow_cidrs         = var.waf.allow_cidrs
  logs = {
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
  client_ip           = local.waf_client_ip
  managed_rule_groups = local.waf_edge_managed_rule_groups
  rate_limits         = local.waf_rate_limits
  allow_cidrs         = var.waf.allow_cidrs
  logs = {
    kms_key_arn       = module.kms_us_east_1.key_arns["edge-logs"]
    retention_in_days = var.logs.retention_in_days
  }
  alarms = var.waf.alarms == null ? null : merge(var.waf.alarms, { topic_arn = module.alert_topics_us_east_1.topic_arns["warning"] })
}

# The origin guard: the internal ALB and App Runner admit only requests that
# carry the secret header API Gateway's integrations and CloudFront's origin
# add (and the NLB's health check of the ALB). Their only callers are those
# edges, so it has no per-IP rules; the edge ACLs above do the inspecting.
# On in every environment (sandbox too): without it App Runner's own
# *.awsapprunner.com address would skip CloudFront.
module "waf_origins" {
  source = "./modules/waf"

  name_prefix = local.name_prefix
  name_suffix = "origins"
  scope       = "REGIONAL"
  enabled     = true
  client_ip   = { behind = "internal" }
  associations = {
    alb        = module.load_balancers.alb_arn
    app-runner = module.web_app.service_arn
  }
  origin_verify = {
    header_name       = "x-origin-verify"
    kms_key_arn       = module.kms.key_arns["secrets"]
    health_check_path = module.load_balancers.nlb_health_check_path
  }
  logs = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
}
