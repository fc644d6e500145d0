variable "domains" {
  description = <<-EOT
    The public names, computed by the root: apex is the registered domain
    (lookcard.com); environment is the environment's domain, the apex itself in
    production or a subdomain of it (develop.lookcard.com); hosted_zone is the
    public Route 53 zone in the DNS account that holds the records (defaults to
    apex; a delegated zone such as develop.lookcard.com also works). They are
    one object so that one validation can check them against each other.
  EOT
  type = object({
    apex        = string
    environment = string
    hosted_zone = optional(string)
  })
  nullable = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domains.apex))
    error_message = "domains.apex must be a lower-case DNS name such as lookcard.com."
  }

  validation {
    condition = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domains.environment)) && (
      var.domains.environment == var.domains.apex || endswith(var.domains.environment, ".${var.domains.apex}")
    )
    error_message = "domains.environment must be domains.apex itself (production) or a subdomain of it such as develop.${var.domains.apex}; every hostname must be under the apex."
  }

  validation {
    condition = (
      can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", coalesce(var.domains.hosted_zone, var.domains.apex))) &&
      (coalesce(var.domains.hosted_zone, var.domains.apex) == var.domains.apex || endswith(coalesce(var.domains.hosted_zone, var.domains.apex), ".${var.domains.apex}")) &&
      (var.domains.environment == coalesce(var.domains.hosted_zone, var.domains.apex) || endswith(var.domains.environment, ".${coalesce(var.domains.hosted_zone, var.domains.apex)}"))
    )
    error_message = "domains.hosted_zone must be the apex or a subdomain of it that contains domains.environment (leave it unset to use the apex zone)."
  }
}

variable "api_host" {
  type        = string
  description = "Host label of the public API: <api_host>.<environment domain>, served by the API Gateway regional custom domain."
  default     = "api"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.api_host))
    error_message = "api_host must be one DNS label: 1-63 lower-case letters, digits and dashes, not starting or ending with a dash (e.g. api)."
  }
}

variable "app_host" {
  type        = string
  description = "Host label of the web app: <app_host>.<environment domain>, served by CloudFront."
  default     = "app"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.app_host))
    error_message = "app_host must be one DNS label: 1-63 lower-case letters, digits and dashes, not starting or ending with a dash (e.g. app)."
  }
}

variable "cloudflare" {
  description = <<-EOT
    Cloudflare zone that proxies the API and app hostnames (Cloudflare's
    partial, CNAME setup: Route 53 stays authoritative and points each name
    at <name>.cdn.cloudflare.net; the zone holds the proxied origin
    records). proxied = false or null: no Cloudflare, Route 53 aliases the
    names to AWS directly. Only the zone ID comes in here, from
    tfvars or the environment: the API token is the provider's
    (CLOUDFLARE_API_TOKEN), never a variable.
  EOT
  type = object({
    zone_id = string
    proxied = optional(bool, true)
  })
  default = null

  validation {
    condition     = var.cloudflare == null || can(regex("^[0-9a-f]{32}$", var.cloudflare.zone_id))
    error_message = "cloudflare.zone_id must be a Cloudflare zone ID (32 lower-case hex characters), or set cloudflare = null for no Cloudflare records."
  }
}

variable "targets" {
  description = <<-EOT
    What the hostnames point at: the API Gateway custom domain's regional
    domain name and hosted zone ID (api) and the CloudFront distribution's
    domain name and hosted zone ID (app). Usually unknown until apply; the
    formats are checked once known.
  EOT
  type = object({
    api_regional_domain_name = string
    api_regional_zone_id     = string
    cloudfront_domain_name   = string
    cloudfront_zone_id       = string
  })
  nullable = false

  validation {
    condition     = can(regex("^d-[a-z0-9]+\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com$", var.targets.api_regional_domain_name))
    error_message = "targets.api_regional_domain_name must be an API Gateway regional domain name (d-xxxx.execute-api.<region>.amazonaws.com): the custom domain's regional_domain_name."
  }

  validation {
    condition     = can(regex("^[a-z0-9]+\\.cloudfront\\.net$", var.targets.cloudfront_domain_name))
    error_message = "targets.cloudfront_domain_name must be a CloudFront distribution domain name (dxxxx.cloudfront.net)."
  }

  validation {
    condition     = can(regex("^Z[A-Z0-9]{4,31}$", var.targets.api_regional_zone_id)) && can(regex("^Z[A-Z0-9]{4,31}$", var.targets.cloudfront_zone_id))
    error_message = "targets.api_regional_zone_id and targets.cloudfront_zone_id must be Route 53 hosted zone IDs (Z...): the API's regional_zone_id and the distribution's hosted_zone_id."
  }
}
