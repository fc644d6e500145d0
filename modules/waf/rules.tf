# The web ACL's rules as HCL data, encoded with jsonencode into rule_json (the
# WAF API's Rule list). Kept as data so tests can jsondecode and inspect it.
#
# Fixed priorities (managed groups take any other):
#   0    allow-list of reseller partners and the office (only with allow_cidrs)
#   1    behind a proxy: block requests without the client-IP header (fail
#        closed) or, with client_ip.proxy_cidrs, from outside the proxy's ranges
#   2    origin guard: allow the edge's requests (secret origin header)
#   3    origin guard: allow the load balancer's health-check path
#   100  rate limit per client IP, all routes (only with rate_limits)
#   101  stricter rate limit per client IP on the sensitive routes
#
# Behind a proxy (client_ip.behind = "proxy") every IP rule reads the client
# address from client_ip.forwarded_ip_header instead of the proxy's source
# address. WAF skips such a rule when the header is missing, so rule 1 blocks
# those requests; a header that holds no valid address matches the rate rules
# (MATCH: blocked) and never the allow-list (NO_MATCH).

locals {
  acl_name = "${var.name_prefix}-${coalesce(var.name_suffix, lower(var.scope))}"

  # WAF's API pattern for every Description (the provider checks only the
  # length, so a parenthesis or an apostrophe fails at apply, not at plan).
  description_pattern = "^[\\w+=:#@/\\-,.][\\w+=:#@/\\-,.\\s]+[\\w+=:#@/\\-,.]$"
  descriptions = {
    allow_list = "Reseller partners and the office, allowed ahead of the other rules"
    proxy      = "Source ranges of the proxy in front of this ACL, the only callers it admits"
    web_acl    = local.origin_guard ? "LookCard origin guard: admits only requests carrying the secret origin header of the edge" : "LookCard ${lower(var.scope)} web ACL: AWS managed rules, per-IP rate limits, partner allow-list"
  }

  per_ip_rules = var.rate_limits != null || length(var.allow_cidrs) > 0
  forwarded    = var.client_ip.behind == "proxy" && var.client_ip.forwarded_ip_header != null
  origin_guard = var.origin_verify != null

  client_address = local.forwarded ? "forwarded:${var.client_ip.forwarded_ip_header}" : (var.client_ip.behind == "internal" ? "internal" : "source")

  # Rate rules aggregate on the forwarded client address behind a proxy.
  # (Objects of different shapes: picked from a tuple, see sensitive_scope_down.)
  rate_key = [
    { AggregateKeyType = "IP" },
    {
      AggregateKeyType  = "FORWARDED_IP"
      ForwardedIPConfig = { HeaderName = var.client_ip.forwarded_ip_header, FallbackBehavior = "MATCH" }
    },
  ][local.forwarded ? 1 : 0]

  # Behind a proxy with published ranges: IPV4/IPV6 → its CIDRs, and one
  # statement matching a source inside them (OrStatement needs two or more).
  # Empty when the ACL is disabled: there are no IP sets to refer to.
  proxy_cidrs = var.enabled && local.forwarded ? { for fam, cidrs in {
    IPV4 = [for c in var.client_ip.proxy_cidrs : c if !strcontains(c, ":")]
    IPV6 = [for c in var.client_ip.proxy_cidrs : c if strcontains(c, ":")]
  } : fam => cidrs if length(cidrs) > 0 } : {}
  from_proxy_statements = [for fam in sort(keys(local.proxy_cidrs)) : { IPSetReferenceStatement = { ARN = aws_wafv2_ip_set.proxy[fam].arn } }]
  from_proxy = length(local.from_proxy_statements) == 0 ? null : [
    try(local.from_proxy_statements[0], null),
    { OrStatement = { Statements = local.from_proxy_statements } },
  ][length(local.from_proxy_statements) == 1 ? 0 : 1]

  # The client-IP header is present (a size constraint cannot match an absent header).
  has_client_ip = { SizeConstraintStatement = {
    FieldToMatch        = { SingleHeader = { Name = lower(coalesce(var.client_ip.forwarded_ip_header, "x")) } }
    ComparisonOperator  = "GT"
    Size                = 0
    TextTransformations = [{ Priority = 0, Type = "NONE" }]
  } }

  forwarded_allow_list = { IPSetReferenceStatement = merge(
    { ARN = one(aws_wafv2_ip_set.allow[*].arn) },
    local.forwarded ? { IPSetForwardedIPConfig = { HeaderName = var.client_ip.forwarded_ip_header, FallbackBehavior = "NO_MATCH", Position = "FIRST" } } : {},
  ) }
  # The forwarded address is only believed from the proxy: a request straight
  # to the resource with a forged header never reaches the allow-list.
  # (Statements of different shapes: picked from a tuple.)
  allow_list_statement = [
    local.forwarded_allow_list,
    { AndStatement = { Statements = [local.from_proxy, local.forwarded_allow_list] } },
  ][local.from_proxy == null ? 0 : 1]
  client_ip_required = [
    local.has_client_ip,
    { AndStatement = { Statements = [local.has_client_ip, local.from_proxy] } },
  ][local.from_proxy == null ? 0 : 1]

  # Rule names map 1:1 to metric names; the web ACL's own metric name is its name.
  metric_name = { for n in local.rule_names_unsorted : n => "${local.acl_name}-${n}" }

  visibility = { for n in local.rule_names_unsorted : n => {
    SampledRequestsEnabled   = true
    CloudWatchMetricsEnabled = true
    MetricName               = local.metric_name[n]
  } }

  rule_names_unsorted = concat(
    length(var.allow_cidrs) > 0 ? ["allow-list"] : [],
    local.forwarded ? ["require-client-ip"] : [],
    local.origin_guard ? ["origin-verify"] : [],
    local.origin_guard && try(var.origin_verify.health_check_path, null) != null ? ["health-check-paths"] : [],
    keys(var.managed_rule_groups),
    var.rate_limits != null ? ["rate-per-ip", "rate-sensitive-per-ip"] : [],
  )

  # One byte match per sensitive path; WAF's OrStatement needs two or more.
  sensitive_matches = [for p in try(var.rate_limits.sensitive_paths, ["/"]) : {
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
        Statement        = local.allow_list_statement
        Action           = { Allow = {} }
        VisibilityConfig = local.visibility["allow-list"]
      }
    } : {},
    local.forwarded ? {
      require-client-ip = {
        Name     = "require-client-ip"
        Priority = 1
        # Absent header: the size constraint cannot match, so NOT matches;
        # with the proxy's ranges, so does any source outside them.
        Statement        = { NotStatement = { Statement = local.client_ip_required } }
        Action           = { Block = {} }
        VisibilityConfig = local.visibility["require-client-ip"]
      }
    } : {},
    local.origin_guard ? {
      origin-verify = {
        Name     = "origin-verify"
        Priority = 2
        Statement = { ByteMatchStatement = {
          FieldToMatch         = { SingleHeader = { Name = lower(var.origin_verify.header_name) } }
          PositionalConstraint = "EXACTLY"
          SearchString         = base64encode(one(aws_secretsmanager_secret_version.origin_verify[*].secret_string))
          TextTransformations  = [{ Priority = 0, Type = "NONE" }]
        } }
        Action           = { Allow = {} }
        VisibilityConfig = local.visibility["origin-verify"]
      }
    } : {},
    local.origin_guard && try(var.origin_verify.health_check_path, null) != null ? {
      health-check-paths = {
        Name     = "health-check-paths"
        Priority = 3
        Statement = { ByteMatchStatement = {
          FieldToMatch         = { UriPath = {} }
          PositionalConstraint = "EXACTLY"
          SearchString         = base64encode(var.origin_verify.health_check_path)
          TextTransformations  = [{ Priority = 0, Type = "NONE" }]
        } }
        Action           = { Allow = {} }
        VisibilityConfig = local.visibility["health-check-paths"]
      }
    } : {},
    { for n, g in var.managed_rule_groups : n => {
      Name             = n
      Priority         = g.priority
      Statement        = { ManagedRuleGroupStatement = { VendorName = "AWS", Name = n } }
      OverrideAction   = [{ None = {} }, { Count = {} }][g.action == "block" ? 0 : 1]
      VisibilityConfig = local.visibility[n]
    } },
    [{}, {
      rate-per-ip = {
        Name     = "rate-per-ip"
        Priority = 100
        Statement = { RateBasedStatement = merge(local.rate_key, {
          Limit               = try(var.rate_limits.per_ip, 10)
          EvaluationWindowSec = 300
        }) }
        Action           = { Block = {} }
        VisibilityConfig = try(local.visibility["rate-per-ip"], null)
      }
      rate-sensitive-per-ip = {
        Name     = "rate-sensitive-per-ip"
        Priority = 101
        Statement = { RateBasedStatement = merge(local.rate_key, {
          Limit               = try(var.rate_limits.sensitive_per_ip, 10)
          EvaluationWindowSec = 300
          ScopeDownStatement  = local.sensitive_scope_down
        }) }
        Action           = { Block = {} }
        VisibilityConfig = try(local.visibility["rate-sensitive-per-ip"], null)
      }
    }][var.rate_limits != null ? 1 : 0],
  )

  # Evaluation order, by priority (priorities are validated unique).
  priority_of = merge(
    { allow-list = 0, require-client-ip = 1, origin-verify = 2, health-check-paths = 3, rate-per-ip = 100, rate-sensitive-per-ip = 101 },
    { for n, g in var.managed_rule_groups : n => g.priority },
  )
  rule_names = [for k in sort([for n in local.rule_names_unsorted : format("%06d %s", local.priority_of[n], n)]) : split(" ", k)[1]]
  rules      = [for n in local.rule_names : local.rules_by_name[n]]
}
