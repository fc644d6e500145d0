variable "service_name" {
  type        = string
  description = "Catalog name of the service behind the distribution (the App Runner web app); tags the resources as Service."
  default     = "web-app"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.service_name))
    error_message = "service_name must be a catalog service name: 2-24 lower-case letters, digits and dashes, starting with a letter (e.g. web-app)."
  }
}

variable "aliases" {
  type        = list(string)
  description = "Hostnames the distribution answers to, e.g. [\"app.develop.lookcard.com\"]; the certificate must cover all of them."
  nullable    = false

  validation {
    condition     = length(var.aliases) > 0 && length(var.aliases) <= 100 && length(distinct(var.aliases)) == length(var.aliases)
    error_message = "aliases must hold 1-100 distinct hostnames (the web app's public names)."
  }

  validation {
    condition     = alltrue([for a in var.aliases : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", a)) && length(a) <= 253])
    error_message = "Every alias must be a lower-case hostname such as app.develop.lookcard.com: no scheme, path, port, wildcard or upper case."
  }
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate for the aliases, in us-east-1 (CloudFront reads certificates only there): the certificates-dns module's cloudfront_certificate_arn."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]{36}$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>): CloudFront cannot use a certificate from another region."
  }
}

variable "app_runner_domain" {
  type        = string
  description = "Host of the App Runner service's default URL (service_url, e.g. abc123.ap-southeast-1.awsapprunner.com), without scheme or path: the default origin."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]+\\.[a-z]{2}(-gov)?-[a-z]+-[0-9]\\.awsapprunner\\.com$", var.app_runner_domain))
    error_message = "app_runner_domain must be an App Runner service host such as abc123.ap-southeast-1.awsapprunner.com, without https:// or a path."
  }
}

variable "assets" {
  type = object({
    kms_key_arn = optional(string)
  })
  description = <<-EOT
    The private S3 bucket of static assets (/_next/static/*, /assets/*), read
    by CloudFront through Origin Access Control. kms_key_arn: encrypt with
    this customer-managed key (its policy must let cloudfront.amazonaws.com
    decrypt for this distribution); null for SSE-S3.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = var.assets.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.assets.kms_key_arn))
    error_message = "assets.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias, or null for SSE-S3."
  }
}

variable "price_class" {
  type        = string
  description = "CloudFront price class. PriceClass_200 (the default) includes the edge locations in Asia, where LookCard's users are; PriceClass_100 has none there."
  default     = "PriceClass_200"
  nullable    = false

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All (PriceClass_200 covers Asia)."
  }
}

variable "logging" {
  type = object({
    retention_days = number
  })
  description = "CloudFront standard access logs: days the log files are kept in the log bucket before they expire."
  nullable    = false

  validation {
    condition     = var.logging.retention_days >= 1 && var.logging.retention_days <= 3653 && floor(var.logging.retention_days) == var.logging.retention_days
    error_message = "logging.retention_days must be a whole number of days from 1 to 3653 (PCI DSS asks for at least 365)."
  }
}

variable "web_acl_arn" {
  type        = string
  description = "WAFv2 web ACL (scope CLOUDFRONT, so in us-east-1) to attach to the distribution; null for none. The WAF module passes its ACL here."
  default     = null

  validation {
    condition     = var.web_acl_arn == null || can(regex("^arn:aws:wafv2:us-east-1:[0-9]{12}:global/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36}$", var.web_acl_arn))
    error_message = "web_acl_arn must be a WAFv2 web ACL ARN of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>), or null."
  }
}

variable "content_security_policy" {
  type        = string
  description = <<-EOT
    Content-Security-Policy that CloudFront sets on every response. The
    default is conservative (same origin only, no framing, no plugins);
    the root widens it where the app needs (connect-src for the API host,
    script hashes or nonces for Next.js inline scripts).
  EOT
  default     = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"
  nullable    = false

  validation {
    condition     = length(var.content_security_policy) > 0 && length(var.content_security_policy) <= 1783 && !can(regex("[\\r\\n\"]", var.content_security_policy))
    error_message = "content_security_policy must be one line of at most 1783 characters (CloudFront's limit) without double quotes."
  }

  validation {
    condition     = can(regex("(^|;)\\s*frame-ancestors\\s+'none'\\s*(;|$)", var.content_security_policy)) && can(regex("(^|;)\\s*default-src\\s", var.content_security_policy))
    error_message = "content_security_policy must set a default-src and frame-ancestors 'none' (the app is never framed, matching X-Frame-Options DENY)."
  }
}

