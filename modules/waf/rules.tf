# The web ACL's rules as HCL data, encoded with jsonencode into rule_json (the
# WAF API's Rule list). Kept as data so tests can jsondecode and inspect it.
#
# Fixed priorities (managed groups take any other):
#   0    allow-list of reseller partners and the office (only with allow_cidrs)
#   100  rate limit per client IP, all routes
#   101  stricter rate limit per client IP on the sensitive routes

locals {
  acl_name = "${var.name_prefix}-${lower(var.scope)}"

  # Rule names map 1:1 to metric names; the web ACL's own metric name is its name.
  metric_name = { for n in local.rule_names_unsorted : n => "${local.acl_name}-${n}" }

  visibility = { for n in local.rule_names_unsorted : n => {
    SampledRequestsEnabled   = true
    CloudWatchMetricsEnabled = true
    MetricName               = local.metric_name[n]
  } }

  rule_names_unsorted = concat(
    length(var.allow_cidrs) > 0 ? ["allow-list"] : [],
    keys(var.managed_rule_groups),
    ["rate-per-ip", "rate-sensitive-per-ip"],
  )

  # One byte match per sensitive path; WAF's OrStatement needs two or more.
  sensitive_matches = [for p in var.rate_limits.sensitive_paths : {
    ByteMatchStatement = {
      FieldToMatch         = { UriPath = {} }
      PositionalConstraint = "STARTS_WITH"
      # SearchString is a blob in the API: the provider decodes it as base64.
      SearchString        = base64encode(lower(p))
      TextTransformations = [{ Priority = 0, Type = "LOWERCASE" }]
    }
  }]
  # (Statements of different shapes: pick from a tuple, a conditional would
  # need both sides to have one type.)
  sensitive_scope_down = [
    local.sensitive_matches[0],
    { OrStatement = { Statements = local.sensitive_matches } },
  ][length(local.sensitive_matches) == 1 ? 0 : 1]

  rules_by_name = merge(
    length(var.allow_cidrs) > 0 ? {
      allow-list = {
        Name             = "allow-list"
        Priority         = 0
        Statement        = { IPSetReferenceStatement = { ARN = one(aws_wafv2_ip_set.allow[*].arn) } }
        Action           = { Allow = {} }
        VisibilityConfig = local.visibility["allow-list"]
      }
    } : {},
    { for n, g in var.managed_rule_groups : n => {
      Name             = n
      Priority         = g.priority
      Statement        = { ManagedRuleGroupStatement = { VendorName = "AWS", Name = n } }
      OverrideAction   = [{ None = {} }, { Count = {} }][g.action == "block" ? 0 : 1]
      VisibilityConfig = local.visibility[n]
    } },
    {
      rate-per-ip = {
        Name     = "rate-per-ip"
        Priority = 100
        Statement = { RateBasedStatement = {
          Limit               = var.rate_limits.per_ip
          AggregateKeyType    = "IP"
          EvaluationWindowSec = 300
        } }
        Action           = { Block = {} }
        VisibilityConfig = local.visibility["rate-per-ip"]
      }
      rate-sensitive-per-ip = {
        Name     = "rate-sensitive-per-ip"
        Priority = 101
        Statement = { RateBasedStatement = {
          Limit               = var.rate_limits.sensitive_per_ip
          AggregateKeyType    = "IP"
          EvaluationWindowSec = 300
          ScopeDownStatement  = local.sensitive_scope_down
        } }
        Action           = { Block = {} }
        VisibilityConfig = local.visibility["rate-sensitive-per-ip"]
      }
    },
  )

  # Evaluation order, by priority (priorities are validated unique).
  priority_of = merge(
    { allow-list = 0, rate-per-ip = 100, rate-sensitive-per-ip = 101 },
    { for n, g in var.managed_rule_groups : n => g.priority },
  )
  rule_names = [for k in sort([for n in local.rule_names_unsorted : format("%06d %s", local.priority_of[n], n)]) : split(" ", k)[1]]
  rules      = [for n in local.rule_names : local.rules_by_name[n]]
}
