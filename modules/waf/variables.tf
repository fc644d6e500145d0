variable "scope" {
  type        = string
  description = "Scope of the web ACL: REGIONAL (ALB, API Gateway stage; default provider) or CLOUDFRONT (distribution; the provider passed in must be the us-east-1 one)."
  nullable    = false

  validation {
    condition     = contains(["REGIONAL", "CLOUDFRONT"], var.scope)
    error_message = "scope must be REGIONAL or CLOUDFRONT (upper case, as AWS spells it)."
  }
}

variable "name_suffix" {
  type        = string
  description = "Last part of the web ACL's name, <name_prefix>-<name_suffix>; null: the scope in lower case (regional, cloudfront). A second ACL of one scope needs its own (e.g. origins)."
  default     = null

  validation {
    condition     = var.name_suffix == null || can(regex("^[a-z][a-z0-9-]{1,20}$", coalesce(var.name_suffix, "x")))
    error_message = "name_suffix must be 2-21 lower-case letters, digits and dashes, starting with a letter (e.g. origins)."
  }
}

variable "client_ip" {
  description = <<-EOT
    Where the web ACL's callers come from, so that IP rules see the client.
    behind: "internet" (clients connect directly; IP rules read the source
    address), "proxy" (a proxy such as Cloudflare or CloudFront precedes the
    ACL: the source address is the proxy's, so per-IP rules must read
    forwarded_ip_header, e.g. CF-Connecting-IP behind Cloudflare) or
    "internal" (the only caller is inside AWS, e.g. an NLB: no per-IP rules
    allowed). Requests behind a proxy without the header are blocked (fail
    closed); the IP reputation managed groups must only count there.
  EOT
  type = object({
    behind              = string
    forwarded_ip_header = optional(string)
    # The proxy's published source ranges (Cloudflare's ips-v4 and ips-v6):
    # the forwarded header is trusted only from them, and any other source is
    # blocked, so the ACL's resource is reachable only through the proxy.
    proxy_cidrs = optional(list(string), [])
  })
  default  = { behind = "internet" }
  nullable = false

  validation {
    condition     = contains(["internet", "proxy", "internal"], var.client_ip.behind)
    error_message = "client_ip.behind must be \"internet\", \"proxy\" or \"internal\"."
  }

  validation {
    condition     = var.client_ip.forwarded_ip_header == null || (var.client_ip.behind == "proxy" && can(regex("^[A-Za-z0-9-]{1,255}$", coalesce(var.client_ip.forwarded_ip_header, "x"))))
    error_message = "client_ip.forwarded_ip_header is for client_ip.behind = \"proxy\" only and must be an HTTP header name (letters, digits, dashes), e.g. CF-Connecting-IP or X-Forwarded-For."
  }

  validation {
    condition     = length(var.client_ip.proxy_cidrs) == 0 || (var.client_ip.behind == "proxy" && var.client_ip.forwarded_ip_header != null && alltrue([for c in var.client_ip.proxy_cidrs : can(cidrhost(c, 0))]))
    error_message = "client_ip.proxy_cidrs is for client_ip.behind = \"proxy\" with a forwarded_ip_header, and each entry must be an IPv4 or IPv6 CIDR (e.g. 173.245.48.0/20 or 2400:cb00::/32): the proxy's published source ranges."
  }
}

variable "origin_verify" {
  description = <<-EOT
    Make this ACL an origin guard (REGIONAL, e.g. on App Runner or the internal
    ALB): it blocks by default and admits only requests whose header_name
    carries a secret the module generates into Secrets Manager (encrypted with
    kms_key_arn) and returns as origin_verify_header, for the edge in front to
    add (CloudFront origin custom header, API Gateway integration header).
    health_check_path, if set, is also admitted (a load balancer's health
    check cannot add headers). null: an ordinary ACL.
  EOT
  type = object({
    header_name       = string
    kms_key_arn       = string
    health_check_path = optional(string)
  })
  default = null

  validation {
    condition     = var.origin_verify == null || can(regex("^[a-z0-9-]{1,64}$", try(var.origin_verify.header_name, "")))
    error_message = "origin_verify.header_name must be a lower-case HTTP header name such as x-origin-verify."
  }

  validation {
    condition     = var.origin_verify == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", try(var.origin_verify.kms_key_arn, "")))
    error_message = "origin_verify.kms_key_arn must be a KMS key ARN (the origin secret is encrypted with a customer-managed key)."
  }

  validation {
    condition     = var.origin_verify == null || try(var.origin_verify.health_check_path == null, true) || can(regex("^/[A-Za-z0-9._~/-]{0,199}$", try(var.origin_verify.health_check_path, "/")))
    error_message = "origin_verify.health_check_path must be a URI path such as /lb-health."
  }
}

variable "enabled" {
  type        = bool
  description = "Create the web ACL. false creates nothing (sandbox previews only: production and staging must set true)."
  default     = true
  nullable    = false
}

variable "associations" {
  type        = map(string)
  description = "Resources to protect, name => ARN (REGIONAL only): the public ALB and the API Gateway stage. Keys must be known at plan; ARNs may be unknown until apply. CloudFront attaches the ACL itself through the distribution's web_acl_id, so leave this empty for CLOUDFRONT."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.associations) : can(regex("^[a-z][a-z0-9-]{0,62}$", k))])
    error_message = "associations keys must be short lower-case names such as alb or api-stage."
  }

  validation {
    condition     = alltrue([for v in values(var.associations) : can(regex("^arn:aws[a-z-]*:(elasticloadbalancing|apigateway|appsync|cognito-idp|apprunner|ec2):", v))])
    error_message = "associations values must be ARNs of resources WAF protects regionally: an ALB (elasticloadbalancing) or an API Gateway stage (arn:aws:apigateway:<region>::/restapis/<id>/stages/<stage>)."
  }
}

variable "managed_rule_groups" {
  description = <<-EOT
    AWS managed rule groups by name, each with its priority and action:
    "block" lets the group's own rules block (OverrideAction None); "count"
    only counts matches (OverrideAction Count) and needs a written reason,
    e.g. expected false positives outside production. Priorities 0 to 3, 100
    and 101 are taken by the allow-list, the client-IP and origin rules and
    the two rate rules. Empty for an origin guard.
  EOT
  type = map(object({
    priority = number
    action   = string
    reason   = optional(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition = alltrue([for n in keys(var.managed_rule_groups) : contains([
      "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet",
      "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList",
    ], n)])
    error_message = "managed_rule_groups keys must be supported AWS managed rule groups: AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesSQLiRuleSet, AWSManagedRulesAmazonIpReputationList, AWSManagedRulesAnonymousIpList. Not supported: ${join(", ", [for n in keys(var.managed_rule_groups) : n if !contains(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList"], n)])}."
  }

  validation {
    condition     = alltrue([for g in values(var.managed_rule_groups) : contains(["block", "count"], g.action)])
    error_message = "managed_rule_groups[*].action must be \"block\" or \"count\"."
  }

  validation {
    condition     = alltrue([for g in values(var.managed_rule_groups) : g.action == "block" || trimspace(coalesce(g.reason, " ")) != ""])
    error_message = "managed_rule_groups with action \"count\" need a reason (why the group only counts here, e.g. expected false positives): ${join(", ", [for n, g in var.managed_rule_groups : n if g.action == "count" && trimspace(coalesce(g.reason, " ")) == ""])}."
  }

  validation {
    condition     = alltrue([for g in values(var.managed_rule_groups) : g.priority >= 1 && g.priority <= 99999 && floor(g.priority) == g.priority])
    error_message = "managed_rule_groups[*].priority must be a whole number from 1 (0 is the allow-list)."
  }

  validation {
    condition     = length(distinct(concat([0, 1, 2, 3, 100, 101], [for g in values(var.managed_rule_groups) : g.priority]))) == 6 + length(var.managed_rule_groups)
    error_message = "Each rule priority may be used once: 0 (allow-list), 1 (require-client-ip), 2 (origin-verify), 3 (health-check-paths), 100 (per-IP rate rule) and 101 (sensitive-route rate rule) are fixed, and managed_rule_groups must use other, distinct priorities. Clashing: ${join(", ", distinct([for n, g in var.managed_rule_groups : "${n}=${g.priority}" if contains([0, 1, 2, 3, 100, 101], g.priority) || length([for o in values(var.managed_rule_groups) : o if o.priority == g.priority]) > 1]))}."
  }
}

variable "rate_limits" {
  description = "Rate-based rules, requests per client IP per 5-minute window (AWS allows 10 to 2,000,000,000): per_ip over all routes, sensitive_per_ip (stricter) over the routes whose path starts with one of sensitive_paths (e.g. /v1/cards, /v1/crypto, /v1/auth). null: no rate rules (an ACL whose only caller is internal, an origin guard)."
  type = object({
    per_ip           = number
    sensitive_per_ip = number
    sensitive_paths  = list(string)
  })
  default = null

  validation {
    condition = var.rate_limits == null || alltrue([for l in [try(var.rate_limits.per_ip, 10), try(var.rate_limits.sensitive_per_ip, 10)] :
    l >= 10 && l <= 2000000000 && floor(l) == l])
    error_message = "rate_limits.per_ip and rate_limits.sensitive_per_ip must be whole numbers from 10 to 2000000000 (AWS WAF's limits, requests per IP per 5-minute window)."
  }

  validation {
    condition     = var.rate_limits == null || try(var.rate_limits.sensitive_per_ip <= var.rate_limits.per_ip, true)
    error_message = "rate_limits.sensitive_per_ip must not exceed rate_limits.per_ip: the sensitive-route rule is the stricter one."
  }

  validation {
    condition = var.rate_limits == null || (length(try(var.rate_limits.sensitive_paths, [])) > 0 && alltrue([for p in try(var.rate_limits.sensitive_paths, []) :
    can(regex("^/[A-Za-z0-9._~/-]{1,199}$", p))]))
    error_message = "rate_limits.sensitive_paths must hold at least one URI path prefix starting with / (e.g. /v1/cards), without query strings or wildcards."
  }
}

variable "allow_cidrs" {
  type        = list(string)
  description = "IPv4 CIDRs of reseller partners and the office, allowed ahead of every other rule (priority 0). Empty: no IP set and no allow rule."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([for c in var.allow_cidrs :
      can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([1-9]|[12][0-9]|3[0-2])$", c)) && can(cidrhost(c, 0)) && try(cidrhost(c, 0) == split("/", c)[0], false)
    ])
    error_message = "allow_cidrs must be IPv4 CIDRs with a prefix length of 1 to 32 and no host bits set (e.g. 203.0.113.0/24, 198.51.100.7/32). Invalid: ${join(", ", [for c in var.allow_cidrs : c if !(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([1-9]|[12][0-9]|3[0-2])$", c)) && can(cidrhost(c, 0)) && try(cidrhost(c, 0) == split("/", c)[0], false))])}."
  }
}

variable "alarms" {
  description = <<-EOT
    CloudWatch alarms on the web ACL's blocked requests, or null for none.
    topic_arn: the SNS topic notified on ALARM and OK; it must be in the web
    ACL's region (us-east-1 for CLOUDFRONT, whose metrics and alarms live
    there). blocked_requests_threshold: requests blocked by all rules together
    per period (a spike is an attack or a wave of false positives).
    rate_limited_threshold: requests blocked per period by each rate-based
    rule (per IP, and per IP on the sensitive routes). period in seconds (10,
    30 or a multiple of 60; WAF publishes metrics once a minute, so use 60 or
    more) and evaluation_periods (consecutive breaching periods before the
    alarm fires).
  EOT
  type = object({
    topic_arn                  = string
    blocked_requests_threshold = number
    rate_limited_threshold     = number
    period                     = optional(number, 300)
    evaluation_periods         = optional(number, 1)
  })
  default = null

  validation {
    condition     = var.alarms == null || can(regex("^arn:aws[a-z-]*:sns:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.alarms.topic_arn))
    error_message = "alarms.topic_arn must be a standard SNS topic ARN, arn:aws:sns:<region>:<account>:<name> (CloudWatch alarms cannot notify FIFO topics)."
  }

  validation {
    condition     = var.alarms == null || try(alltrue([for t in [var.alarms.blocked_requests_threshold, var.alarms.rate_limited_threshold] : t >= 1 && floor(t) == t]), false)
    error_message = "alarms.blocked_requests_threshold and alarms.rate_limited_threshold must be whole numbers of requests, at least 1 (the alarm fires at that many blocked requests per period)."
  }

  validation {
    condition     = var.alarms == null || try(contains([10, 30], var.alarms.period) || (var.alarms.period >= 60 && var.alarms.period % 60 == 0), false)
    error_message = "alarms.period must be 10, 30 or a multiple of 60 seconds (CloudWatch's allowed periods; WAF publishes once a minute, so 60 or more is the useful range)."
  }

  validation {
    condition     = var.alarms == null || try(var.alarms.evaluation_periods >= 1 && floor(var.alarms.evaluation_periods) == var.alarms.evaluation_periods, false)
    error_message = "alarms.evaluation_periods must be a whole number, at least 1."
  }

  validation {
    condition     = var.alarms == null || try(var.alarms.period * var.alarms.evaluation_periods <= (var.alarms.period < 3600 ? 86400 : 604800), false)
    error_message = "alarms.period x alarms.evaluation_periods must not exceed one day (periods under an hour) or seven days (CloudWatch's limits on an alarm's evaluation range)."
  }
}
