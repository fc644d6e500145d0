variable "kms_key_arn" {
  type        = string
  description = "ARN of the \"secrets\" KMS key (key ARN or alias ARN) that encrypts every secret. Must be in the same account and region."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/[a-z0-9-]+|alias/[A-Za-z0-9/_-]+)$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) or alias ARN (arn:aws:kms:<region>:<account>:alias/<name>), not a bare key ID or alias name."
  }
}

variable "recovery_window_in_days" {
  type        = number
  description = "Days a deleted secret stays recoverable (production passes 30, other environments 7)."
  nullable    = false

  validation {
    condition     = var.recovery_window_in_days >= 7 && var.recovery_window_in_days <= 30 && floor(var.recovery_window_in_days) == var.recovery_window_in_days
    error_message = "recovery_window_in_days must be a whole number from 7 to 30 (AWS's limits; immediate deletion with 0 is not allowed)."
  }
}

variable "secrets" {
  description = <<-EOT
    Secret containers by name, <service>/<secret> such as card-api/reap-api-key.
    No value is ever set here: owners put third-party values, rotation functions
    put rotating ones. For each: a description; readers, the IAM role ARNs
    (service task/execution roles, and the rotation function's role when the
    secret rotates) that alone may call GetSecretValue; generated, true when
    the platform generates the value itself (a rotation function gives it its
    first value when rotation is configured), false when an owner must seed it
    (third-party credentials: listed in the seeding_required output); rotation,
    the rotation Lambda ARN and the days between rotations, where the
    credential can rotate.
  EOT
  type = map(object({
    description = string
    readers     = list(string)
    generated   = optional(bool, false)
    rotation = optional(object({
      lambda_arn = string
      days       = number
    }))
  }))
  nullable = false

  validation {
    condition     = alltrue([for k in keys(var.secrets) : can(regex("^[a-z0-9-]+/[a-z0-9-]+$", k))])
    error_message = "secrets keys must be <service>/<secret> in lower-case letters, digits and dashes, such as card-api/reap-api-key."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : s.description != null && try(length(trimspace(s.description)) > 0, false)])
    error_message = "secrets[*].description must say what the secret is for."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : s.readers != null && try(length(s.readers) > 0, false)])
    error_message = "secrets[*].readers must name at least one IAM role: a secret nobody may read is of no use."
  }

  validation {
    condition = alltrue(flatten([for s in values(var.secrets) : [
      for r in(s.readers == null ? [] : s.readers) : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", r))
    ]]))
    error_message = "secrets[*].readers must be IAM role ARNs (arn:aws:iam::<account>:role/<name>) without wildcards; users, groups, assumed-role sessions and patterns are not allowed."
  }

  validation {
    condition = alltrue([for s in values(var.secrets) : s.rotation == null ? true : (
      can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", s.rotation.lambda_arn))
    )])
    error_message = "secrets[*].rotation.lambda_arn must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)."
  }

  validation {
    condition = alltrue([for s in values(var.secrets) : s.rotation == null ? true : (
      try(s.rotation.days >= 1 && s.rotation.days <= 365 && floor(s.rotation.days) == s.rotation.days, false)
    )])
    error_message = "secrets[*].rotation.days must be a whole number of days from 1 to 365."
  }
}
