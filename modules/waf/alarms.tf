# CloudWatch alarms on the web ACL's AWS/WAFV2 BlockedRequests (only with
# alarms set and the ACL enabled): all rules together, and each rate-based
# rule. They notify alarms.topic_arn on ALARM and on OK.
#
# Dimensions of AWS/WAFV2 metrics, as checked for this module:
#   - WebACL: the web ACL's metric name (here its name);
#   - Rule: a rule's metric name, or ALL for all the web ACL's rules ("All"
#     and "Default_Action" are reserved: no rule may take those metric names,
#     per the WAFV2 API's VisibilityConfig);
#   - Region: the web ACL's region, for every protected resource type except
#     CloudFront distributions. A CLOUDFRONT web ACL's metrics carry only
#     WebACL and Rule, and exist only in us-east-1 ("To view AWS WAF metrics
#     for CloudFront, you must choose the US East (N. Virginia) Region",
#     developer guide, Monitoring with Amazon CloudWatch).
# Sources: the AWS WAF developer guide (waf-metrics.html: namespace AWS/WAFV2,
# metrics reported once a minute; monitoring-cloudwatch.html). The stored
# excerpts of the guide did not reach its dimension table, so the Region rule
# is the guide as we know it, confirmed by a public module alarming on both
# scopes (18F/identity-pki terraform/waf/module/alerts.tf: the CloudFront
# alarm "only has Rule and WebACL instead of Rule/WebACL/Region").
# A metric is identified by all its dimensions: an alarm with one dimension
# too many or too few watches a metric that never gets data, and with missing
# data not breaching it would never fire.

locals {
  alarms_on = var.enabled && var.alarms != null

  # The web ACL's (and so its metrics' and alarms') region: us-east-1 for
  # CLOUDFRONT, the provider's region for REGIONAL.
  alarm_region = var.scope == "CLOUDFRONT" ? "us-east-1" : one(data.aws_region.current[*].region)

  log_group_name = "aws-waf-logs-${local.acl_name}"

  base_dimensions = merge(
    { WebACL = local.acl_name },
    var.scope == "REGIONAL" ? { Region = local.alarm_region } : {},
  )

  # The sensitive routes as the descriptions name them (a count when the list
  # is long: a description holds at most 1024 characters).
  sensitive_paths  = try(var.rate_limits.sensitive_paths, [])
  sensitive_routes = length(join(", ", local.sensitive_paths)) <= 120 ? join(", ", local.sensitive_paths) : "${length(local.sensitive_paths)} sensitive path prefixes"

  # Rate-based rules: one alarm each, on the rule's own metric.
  rate_rules = var.rate_limits != null ? {
    rate-per-ip           = "the per-IP rate rule (more than ${var.rate_limits.per_ip} requests per IP in 5 minutes, all routes)"
    rate-sensitive-per-ip = "the sensitive-route rate rule (more than ${var.rate_limits.sensitive_per_ip} requests per IP in 5 minutes on ${local.sensitive_routes})"
  } : {}

  alarm_specs = !local.alarms_on ? {} : merge(
    {
      blocked-requests = {
        rule      = "ALL"
        threshold = var.alarms.blocked_requests_threshold
        description = join(" ", [
          "WAF ${local.acl_name} (${var.scope}): ${var.alarms.blocked_requests_threshold} or more requests blocked by the web ACL's rules in ${var.alarms.period}s.",
          "A spike means an attack (scanning, injection, a flood) or a wave of false positives after a rule or application change.",
          "Runbook: in Logs Insights (${local.alarm_region}) on ${local.log_group_name}, filter action = 'BLOCK' and count by terminatingRuleId and httpRequest.clientIp to find the rule and the sources;",
          "look at the rule's sampled requests in the WAF console (web ACL ${local.acl_name}).",
          "Legitimate traffic blocked: switch that managed group to count (managed_rule_groups, with a reason) or allow-list the partner (allow_cidrs); an attack: keep blocking and watch the services' 5xx and latency alarms.",
        ])
      }
    },
    { for r, what in local.rate_rules : r => {
      rule      = local.metric_name[r]
      threshold = var.alarms.rate_limited_threshold
      description = join(" ", [
        "WAF ${local.acl_name} (${var.scope}): ${var.alarms.rate_limited_threshold} or more requests blocked in ${var.alarms.period}s by ${what}.",
        "Clients are being rate limited: a flood, scraping, credential stuffing or card testing from a few IPs, or a partner or NAT sharing one IP.",
        "Runbook: in Logs Insights (${local.alarm_region}) on ${local.log_group_name}, filter terminatingRuleId = '${r}' and count by httpRequest.clientIp and httpRequest.uri;",
        "check the rule's sampled requests in the WAF console (web ACL ${local.acl_name}).",
        "A partner's egress IP: add it to allow_cidrs; abuse: keep blocking, consider a lower rate limit in tfvars.",
      ])
    } },
  )
}

data "aws_region" "current" {
  count = local.alarms_on && var.scope == "REGIONAL" ? 1 : 0
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarm_specs

  alarm_name          = "${var.name_prefix}-waf-${lower(var.scope)}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/WAFV2"
  metric_name         = "BlockedRequests"
  dimensions          = merge(local.base_dimensions, { Rule = each.value.rule })
  statistic           = "Sum"
  period              = var.alarms.period
  evaluation_periods  = var.alarms.evaluation_periods
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = each.value.threshold
  # No blocked request is no data: nothing to alarm about.
  treat_missing_data = "notBreaching"

  alarm_actions = [var.alarms.topic_arn]
  ok_actions    = [var.alarms.topic_arn]

  tags = { Name = "${var.name_prefix}-waf-${lower(var.scope)}-${each.key}" }

  lifecycle {
    precondition {
      condition     = split(":", var.alarms.topic_arn)[3] == local.alarm_region
      error_message = "alarms.topic_arn is in ${split(":", var.alarms.topic_arn)[3]}, but this ${var.scope} web ACL's metrics and alarms are in ${local.alarm_region}: an alarm notifies only an SNS topic of its own region. ${var.scope == "CLOUDFRONT" ? "Pass a topic of the alert-topics module called with the us-east-1 provider." : "Pass a topic of this region (the observability module's topic_arns)."}"
    }
  }
}
