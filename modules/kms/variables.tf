variable "deletion_window_in_days" {
  type        = number
  description = "Waiting period before a scheduled key deletion completes (30 in production)."
  default     = 30
  nullable    = false

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30 && floor(var.deletion_window_in_days) == var.deletion_window_in_days
    error_message = "deletion_window_in_days must be a whole number from 7 to 30 (AWS's limits)."
  }
}

variable "administrator_arns" {
  type        = list(string)
  description = "IAM roles of this account that administer (but cannot use) the keys: roles that exist before the keys (bootstrap/'s admin and deploy roles); each is looked up at plan time. The account root keeps full access so a key can never become unmanageable, and the role that applies keeps PutKeyPolicy through it (KMS's lockout safety check)."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.administrator_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$", a))])
    error_message = "administrator_arns must be IAM role ARNs (arn:aws:iam::<account>:role/<name>): not an account root, user, service or wildcard, and role names of letters, digits and +=,.@_- only."
  }
}

variable "keys" {
  description = <<-EOT
    Keys by purpose. For each: a description; services (short names such as
    rds, dynamodb, secretsmanager) that may use the key on behalf of callers in
    this account (kms:ViaService); log_service = true to let CloudWatch Logs of
    this account and region encrypt with it; user_arns, the roles that may use
    it directly; service_principals, AWS services (such as
    cloudwatch.amazonaws.com for encrypted alarm topics, or
    cloudtrail.amazonaws.com) that use it themselves, for this account only.
  EOT
  type = map(object({
    description        = string
    services           = optional(list(string), [])
    log_service        = optional(bool, false)
    user_arns          = optional(list(string), [])
    service_principals = optional(list(string), [])
  }))
  nullable = false

  validation {
    condition     = length(var.keys) > 0 && alltrue([for k in keys(var.keys) : can(regex("^[a-z][a-z0-9-]{1,30}$", k))])
    error_message = "keys must hold at least one key, each named by a lower-case purpose such as data or secrets."
  }

  validation {
    condition = alltrue(flatten([for k in values(var.keys) : [
      for s in k.services : contains(["rds", "dynamodb", "s3", "elasticache", "backup", "secretsmanager", "sqs", "sns", "ecr", "ec2", "lambda", "ssm", "xray", "apprunner", "ecs"], s)
    ]]))
    error_message = "keys[*].services may only name rds, dynamodb, s3, elasticache, backup, secretsmanager, sqs, sns, ecr, ec2, lambda, ssm, xray, apprunner or ecs."
  }

  validation {
    condition     = alltrue(flatten([for k in values(var.keys) : [for p in k.service_principals : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", p))]]))
    error_message = "keys[*].service_principals must be AWS service principals such as cloudtrail.amazonaws.com."
  }

  validation {
    condition     = alltrue(flatten([for k in values(var.keys) : [for a in k.user_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", a))]]))
    error_message = "keys[*].user_arns must be IAM role ARNs."
  }
}
