# One web ACL of one scope: the root calls this module once with scope
# REGIONAL (default provider; associated with the ALB and the API Gateway
# stage) and once with scope CLOUDFRONT (the us-east-1 provider; attached by
# the CloudFront distribution through its web_acl_id).

resource "aws_wafv2_ip_set" "allow" {
  count = var.enabled && length(var.allow_cidrs) > 0 ? 1 : 0

  name               = "${local.acl_name}-allow-list"
  description        = "Reseller partners and the office, allowed ahead of the other rules"
  scope              = var.scope
  ip_address_version = "IPV4"
  addresses          = toset(var.allow_cidrs)

  tags = { Name = "${local.acl_name}-allow-list" }
}

resource "aws_wafv2_web_acl" "this" {
  count = var.enabled ? 1 : 0

  name        = local.acl_name
  description = "LookCard ${lower(var.scope)} web ACL: AWS managed rules, per-IP rate limits, partner allow-list"
  scope       = var.scope

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    sampled_requests_enabled   = true
    metric_name                = local.acl_name
  }

  rule_json = jsonencode(local.rules)

  tags = { Name = local.acl_name }

  lifecycle {
    precondition {
      condition     = var.scope == "REGIONAL" || length(var.associations) == 0
      error_message = "associations are for scope REGIONAL only: a CLOUDFRONT web ACL is attached by the distribution (pass web_acl_arn to the cloudfront module) — leave associations empty."
    }

    precondition {
      condition     = var.scope == "REGIONAL" || split(":", var.logging.kms_key_arn)[3] == "us-east-1"
      error_message = "A CLOUDFRONT web ACL logs to a log group in us-east-1, so logging.kms_key_arn must be a us-east-1 key (CloudWatch Logs only uses keys of its own region)."
    }
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  for_each = var.enabled && var.scope == "REGIONAL" ? var.associations : {}

  resource_arn = each.value
  web_acl_arn  = aws_wafv2_web_acl.this[0].arn
}
