variable "kms_key_arn" {
  type        = string
  description = "KMS key (ARN, in the topics' region) that encrypts every topic. Its policy must let cloudwatch.amazonaws.com use it (kms:Decrypt, kms:GenerateDataKey*), or alarms cannot publish."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "subscriptions" {
  description = <<-EOT
    Subscriptions, keyed by a free name: each sends one topic (severity:
    critical or warning) to an email address or an HTTPS endpoint (an
    incident tool's webhook). Email subscriptions stay pending until the
    recipient confirms them.
  EOT
  type = map(object({
    protocol = string
    endpoint = string
    severity = string
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for s in values(var.subscriptions) : contains(["email", "https"], s.protocol)])
    error_message = "subscriptions[*].protocol must be email or https (the only protocols supported for alerts): ${join(", ", [for k, s in var.subscriptions : "${k} (${s.protocol})" if !contains(["email", "https"], s.protocol)])}."
  }

  validation {
    condition = alltrue([for s in values(var.subscriptions) :
      s.protocol == "email" ? can(regex("^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$", s.endpoint)) :
      s.protocol == "https" ? can(regex("^https://[A-Za-z0-9.-]+(:[0-9]+)?(/\\S*)?$", s.endpoint)) : true
    ])
    error_message = "subscriptions[*].endpoint must match its protocol: an email address (name@example.com) for email, an https:// URL for https."
  }

  validation {
    condition     = alltrue([for s in values(var.subscriptions) : contains(["critical", "warning"], s.severity)])
    error_message = "subscriptions[*].severity must be critical or warning (the two alert topics)."
  }
}

variable "routes" {
  type        = list(string)
  description = <<-EOT
    EventBridge routes to the topics (routes.tf), by name: guardduty-high and
    securityhub-high and root-activity (critical), guardduty-medium,
    config-noncompliant and iam-changes (warning). Each rule matches events
    of this region: the home region routes GuardDuty, Security Hub, Config
    and root activity; IAM changes and root console sign-ins arrive in
    us-east-1 only. Empty for a stack that shares its account with another
    (previews), which would alert twice.
  EOT
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for r in var.routes : contains(["guardduty-high", "guardduty-medium", "securityhub-high", "config-noncompliant", "root-activity", "iam-changes"], r)]) && length(distinct(var.routes)) == length(var.routes)
    error_message = "routes must be distinct names among guardduty-high, guardduty-medium, securityhub-high, config-noncompliant, root-activity and iam-changes."
  }
}
