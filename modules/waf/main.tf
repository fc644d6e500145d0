# One web ACL of one scope: the root calls this module once with scope
# REGIONAL (default provider; associated with the ALB and the API Gateway
# stage) and once with scope CLOUDFRONT (the us-east-1 provider; attached by
# the CloudFront distribution through its web_acl_id).

resource "aws_wafv2_ip_set" "allow" {
  count = var.enabled && length(var.allow_cidrs) > 0 ? 1 : 0

  name               = "${local.acl_name}-allow-list"
  description        = local.descriptions.allow_list
  scope              = var.scope
  ip_address_version = "IPV4"
  addresses          = toset(var.allow_cidrs)

  tags = { Name = "${local.acl_name}-allow-list" }
}

# The proxy's source ranges, one set per address family (a WAF IP set holds
# one): requests from anywhere else never reach the ACL's resource.
resource "aws_wafv2_ip_set" "proxy" {
  for_each = local.proxy_cidrs

  name               = "${local.acl_name}-proxy-${lower(each.key)}"
  description        = local.descriptions.proxy
  scope              = var.scope
  ip_address_version = each.key
  addresses          = toset(each.value)

  tags = { Name = "${local.acl_name}-proxy-${lower(each.key)}" }
}

resource "aws_wafv2_web_acl" "this" {
  count = var.enabled ? 1 : 0

  name        = local.acl_name
  description = local.descriptions.web_acl
  scope       = var.scope

  # An origin guard admits only what a rule allows (the edge's secret header,
  # the health-check path); every other ACL allows what no rule blocks.
  dynamic "default_action" {
    for_each = [local.origin_guard]
    content {
      dynamic "allow" {
        for_each = default_action.value ? [] : [1]
        content {}
      }
      dynamic "block" {
        for_each = default_action.value ? [1] : []
        content {}
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    sampled_requests_enabled   = true
    metric_name                = local.acl_name
  }

  rule_json = jsonencode(local.rules)

  # What the IP rules read, visible in a plan even when rule_json is not
  # (the allow-list's IP set ARN is known only after apply).
  tags = { Name = local.acl_name, ClientAddress = local.client_address }

  lifecycle {
    precondition {
      condition     = var.scope == "REGIONAL" || length(var.associations) == 0
      error_message = "associations are for scope REGIONAL only: a CLOUDFRONT web ACL is attached by the distribution (pass web_acl_arn to the cloudfront module) — leave associations empty."
    }

    # Behind a proxy the source address is the proxy's: per-IP rules would
    # lump every client together (and block them together).
    precondition {
      condition     = !(var.client_ip.behind == "proxy" && local.per_ip_rules && var.client_ip.forwarded_ip_header == null)
      error_message = "Web ACL ${local.acl_name} has per-IP rules (${join(", ", [for n in local.rule_names_unsorted : n if contains(["allow-list", "rate-per-ip", "rate-sensitive-per-ip"], n)])}) but client_ip.behind is \"proxy\" and no client_ip.forwarded_ip_header is set: every client would share the proxy's addresses. Set client_ip.forwarded_ip_header to the header the proxy writes the client address into (CF-Connecting-IP behind Cloudflare, X-Forwarded-For behind CloudFront), or drop rate_limits and allow_cidrs."
    }

    precondition {
      condition     = alltrue([for d in values(local.descriptions) : can(regex(local.description_pattern, d))])
      error_message = "WAF refuses these descriptions (allowed: letters, digits, spaces and + = : # @ / - , . only): ${join("; ", [for k, d in local.descriptions : "${k}: ${d}" if !can(regex(local.description_pattern, d))])}."
    }

    precondition {
      condition     = !(var.client_ip.behind == "internal" && local.per_ip_rules)
      error_message = "Web ACL ${local.acl_name} has client_ip.behind = \"internal\" (its only caller is inside AWS, such as an NLB) but has per-IP rules: they would count every request as one or two clients. Set rate_limits = null and allow_cidrs = []."
    }

    # IP reputation groups read the source address, which behind a proxy is
    # the proxy's: blocking would block the proxy (all clients) itself.
    precondition {
      condition     = var.client_ip.behind != "proxy" || alltrue([for n, g in var.managed_rule_groups : g.action == "count" if contains(["AWSManagedRulesAnonymousIpList", "AWSManagedRulesAmazonIpReputationList"], n)])
      error_message = "Web ACL ${local.acl_name} is behind a proxy, where AWSManagedRulesAnonymousIpList and AWSManagedRulesAmazonIpReputationList see the proxy's addresses and would block it (every client): run them with action \"count\" and a reason. Blocking: ${join(", ", [for n, g in var.managed_rule_groups : n if g.action != "count" && contains(["AWSManagedRulesAnonymousIpList", "AWSManagedRulesAmazonIpReputationList"], n)])}."
    }

    precondition {
      condition     = !local.origin_guard || (var.rate_limits == null && length(var.allow_cidrs) == 0 && length(var.managed_rule_groups) == 0)
      error_message = "Web ACL ${local.acl_name} is an origin guard (origin_verify set): it only admits the edge's secret header, so rate_limits must be null and allow_cidrs and managed_rule_groups empty (the edge's own web ACL applies them)."
    }

    precondition {
      condition     = var.scope == "REGIONAL" || split(":", var.logs.kms_key_arn)[3] == "us-east-1"
      error_message = "A CLOUDFRONT web ACL logs to a log group in us-east-1, so logs.kms_key_arn must be a us-east-1 key (CloudWatch Logs only uses keys of its own region)."
    }
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  for_each = var.enabled && var.scope == "REGIONAL" ? var.associations : {}

  resource_arn = each.value
  web_acl_arn  = aws_wafv2_web_acl.this[0].arn
}

# ── Origin guard ───────────────────────────────────────────────────────────
# The secret the edge in front (CloudFront, API Gateway) adds as a request
# header and this ACL admits. Generated once by Secrets Manager: the version
# ignores later reads of the generator, so it stays put until rotated by
# hand (taint the version, then apply: the edge and the ACL change together).
data "aws_secretsmanager_random_password" "origin_verify" {
  count = var.enabled && local.origin_guard ? 1 : 0

  password_length     = 48
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "origin_verify" {
  count = var.enabled && local.origin_guard ? 1 : 0

  name_prefix = "${local.acl_name}-origin-verify-"
  description = "Secret origin header (${var.origin_verify.header_name}) the edge adds and web ACL ${local.acl_name} admits"
  kms_key_id  = var.origin_verify.kms_key_arn

  tags = { Name = "${local.acl_name}-origin-verify" }
}

resource "aws_secretsmanager_secret_version" "origin_verify" {
  count = var.enabled && local.origin_guard ? 1 : 0

  secret_id     = aws_secretsmanager_secret.origin_verify[0].id
  secret_string = data.aws_secretsmanager_random_password.origin_verify[0].random_password

  lifecycle {
    ignore_changes = [secret_string]
  }
}
