variable "domain_name" {
  type        = string
  description = "Custom domain of the API, e.g. api.develop.lookcard.com. It is also the TLS server name API Gateway connects to the ALB with (through the VPC link and the NLB), so the ALB's certificate must cover it too."
  nullable    = false

  validation {
    condition     = length(var.domain_name) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name such as api.develop.lookcard.com (labels of letters, digits and dashes)."
  }
}

variable "certificate_arn" {
  type        = string
  description = "Regional ACM certificate (in region) for domain_name."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)."
  }
}

variable "nlb" {
  type = object({
    arn      = string
    dns_name = string
  })
  description = "The internal NLB in front of the public ALB (modules/load-balancers' nlb_arn and nlb_dns_name): the VPC link's target. The integration URIs name domain_name, not dns_name, because API Gateway verifies the backend certificate against the URI's host (see README)."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/net/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.nlb.arn))
    error_message = "nlb.arn must be a Network Load Balancer ARN (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>): a REST API VPC link targets an NLB."
  }

  validation {
    condition     = can(regex("^[a-z0-9-]+\\.elb\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$", var.nlb.dns_name))
    error_message = "nlb.dns_name must be the NLB's DNS name (<name>-<id>.elb.<region>.amazonaws.com)."
  }
}

variable "routes" {
  description = "Public services reached by a path on the API, keyed by service: the path prefix (e.g. /v1/cards) and whether the route is sensitive (stricter throttling)."
  type = map(object({
    path      = string
    sensitive = optional(bool, false)
  }))
  nullable = false

  validation {
    condition     = alltrue([for n, r in var.routes : can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", n))])
    error_message = "Route keys must be catalog service names (2-24 lower-case letters, digits and dashes): ${join(", ", [for n, r in var.routes : n if !can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", n))])}."
  }

  validation {
    condition     = alltrue([for n, r in var.routes : can(regex("^(/[a-z0-9][a-z0-9._-]*){1,4}$", r.path))])
    error_message = "A route path must be 1-4 lower-case segments such as /v1/cards (letters, digits, '.', '_', '-'), without a trailing '/': ${join(", ", [for n, r in var.routes : "${n} (${r.path})" if !can(regex("^(/[a-z0-9][a-z0-9._-]*){1,4}$", r.path))])}."
  }

  validation {
    condition     = length(distinct([for r in values(var.routes) : r.path])) == length(var.routes)
    error_message = "Two routes share a path; every path may route to one service only: ${join(", ", [for n, r in var.routes : "${n} (${r.path})" if length([for m, t in var.routes : m if t.path == r.path]) > 1])}."
  }

  # The ALB behind the API refuses nested paths too: /v1 and /v1/cards would
  # overlap there.
  validation {
    condition     = alltrue(flatten([for n, r in var.routes : [for m, t in var.routes : !startswith("${t.path}/", "${r.path}/") if m != n && t.path != r.path]]))
    error_message = "A route path must not be nested under another route's path (e.g. /v1 and /v1/cards): ${join(", ", flatten([for n, r in var.routes : [for m, t in var.routes : "${m} (${t.path}) under ${n} (${r.path})" if m != n && t.path != r.path && startswith("${t.path}/", "${r.path}/")]]))}."
  }
}

variable "api_key_routes" {
  type        = list(string)
  description = "Routes (service names) whose methods require an API key: the reseller partners' API. Names not in routes are ignored."
  default     = ["reseller-api"]
  nullable    = false
}

variable "throttling" {
  type = object({
    rate_limit            = number
    burst_limit           = number
    sensitive_rate_limit  = number
    sensitive_burst_limit = number
  })
  description = "Stage throttling applied to every method (requests per second, and burst), and the stricter limits of the methods of sensitive routes."
  nullable    = false

  validation {
    condition     = alltrue([for v in values(var.throttling) : v > 0])
    error_message = "Every throttling limit must be greater than 0 (a 0 limit rejects all traffic)."
  }

  validation {
    condition     = var.throttling.burst_limit >= var.throttling.rate_limit && var.throttling.sensitive_burst_limit >= var.throttling.sensitive_rate_limit
    error_message = "throttling burst limits must be at least the matching rate limits (burst_limit >= rate_limit, sensitive_burst_limit >= sensitive_rate_limit)."
  }

  validation {
    condition     = floor(var.throttling.burst_limit) == var.throttling.burst_limit && floor(var.throttling.sensitive_burst_limit) == var.throttling.sensitive_burst_limit
    error_message = "throttling burst limits must be whole numbers of requests."
  }

  validation {
    condition     = var.throttling.sensitive_rate_limit <= var.throttling.rate_limit && var.throttling.sensitive_burst_limit <= var.throttling.burst_limit
    error_message = "Sensitive routes must be throttled at least as strictly as the rest: sensitive_rate_limit <= rate_limit and sensitive_burst_limit <= burst_limit."
  }
}

variable "resellers" {
  type = map(object({
    quota_per_day = number
    rate_limit    = number
    burst_limit   = number
  }))
  description = "Reseller partners, keyed by a short name: each gets an API key (its value generated by AWS, never passed through Terraform inputs or outputs) and a usage plan with a daily quota and its own throttling."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for n, r in var.resellers : can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", n))])
    error_message = "Reseller keys must be short lower-case names (2-32 letters, digits and dashes): ${join(", ", [for n, r in var.resellers : n if !can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", n))])}."
  }

  validation {
    condition     = alltrue([for r in values(var.resellers) : r.quota_per_day >= 1 && floor(r.quota_per_day) == r.quota_per_day && r.rate_limit > 0 && r.burst_limit >= r.rate_limit && floor(r.burst_limit) == r.burst_limit])
    error_message = "Every reseller needs a whole quota_per_day of at least 1, a rate_limit above 0 and a whole burst_limit of at least rate_limit: ${join(", ", [for n, r in var.resellers : n if !(r.quota_per_day >= 1 && floor(r.quota_per_day) == r.quota_per_day && r.rate_limit > 0 && r.burst_limit >= r.rate_limit && floor(r.burst_limit) == r.burst_limit)])}."
  }
}

variable "xray_tracing" {
  type        = bool
  description = "X-Ray tracing of the stage."
  default     = true
  nullable    = false
}

variable "manage_account_cloudwatch_role" {
  type        = bool
  description = "Set the account-wide (per region) API Gateway CloudWatch Logs role. Exactly one stack per account and region may do so: turn it off for a second stack in the same account (e.g. a sandbox preview), whose logging then relies on the role that stack set."
  default     = true
  nullable    = false
}

variable "mutual_tls" {
  description = "Mutual TLS on the custom domain: only clients with a certificate from Cloudflare's Authenticated Origin Pulls CA (Cloudflare's edge, with Authenticated Origin Pulls on in the zone) may connect. kms_key_arn encrypts the truststore bucket (the deploying role must be able to decrypt with it: API Gateway reads the truststore with the caller's permissions). null: no client certificate required (only when nothing proxies the API)."
  type = object({
    kms_key_arn = string
  })
  default = null

  validation {
    condition     = var.mutual_tls == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", try(var.mutual_tls.kms_key_arn, "")))
    error_message = "mutual_tls.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

