variable "kms_key_arn" {
  type        = string
  description = "Customer-managed key (of region) that encrypts the primary vault: the data key, whose policy admits backup.<region>.amazonaws.com."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "resources" {
  type        = map(string)
  description = "Resources to back up, by a free name: Aurora cluster and DynamoDB table ARNs (AWS Backup does not support ElastiCache: Redis keeps its own snapshots)."
  nullable    = false

  validation {
    condition     = length(var.resources) > 0 && alltrue([for a in values(var.resources) : can(regex("^arn:aws[a-z-]*:(rds:[a-z0-9-]+:[0-9]{12}:cluster:|dynamodb:[a-z0-9-]+:[0-9]{12}:table/)", a))])
    error_message = "resources must name at least one Aurora cluster (arn:aws:rds:<region>:<account>:cluster:<id>) or DynamoDB table (arn:aws:dynamodb:<region>:<account>:table/<name>) ARN; ElastiCache is not supported by AWS Backup."
  }
}

variable "schedule" {
  type        = string
  description = "When the daily backup starts (an EventBridge cron expression, UTC). The default, 18:00 UTC, is 02:00 in Singapore."
  default     = "cron(0 18 * * ? *)"
  nullable    = false

  validation {
    condition     = can(regex("^cron\\(.+\\)$", var.schedule))
    error_message = "schedule must be a cron(...) expression, such as cron(0 18 * * ? *)."
  }
}

variable "retention_days" {
  type        = number
  description = "Days each recovery point is kept in the primary vault."
  nullable    = false

  validation {
    condition     = var.retention_days >= 1 && var.retention_days <= 36500 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number of days from 1 to 36500."
  }
}

variable "vault_lock" {
  type = object({
    mode                = string
    min_retention_days  = number
    max_retention_days  = number
    changeable_for_days = optional(number, 3)
  })
  description = <<-EOT
    AWS Backup Vault Lock, or null for none. COMPLIANCE: after
    changeable_for_days (at least 3) nobody, not even the account root, can
    delete a recovery point before min_retention_days, change the retention
    or remove the lock (production). GOVERNANCE: the same, but principals
    with backup:DeleteBackupVaultLockConfiguration can lift it.
  EOT
  default     = null

  validation {
    condition     = var.vault_lock == null || contains(["COMPLIANCE", "GOVERNANCE"], try(var.vault_lock.mode, ""))
    error_message = "vault_lock.mode must be COMPLIANCE or GOVERNANCE."
  }

  validation {
    condition = var.vault_lock == null || try(
      var.vault_lock.min_retention_days >= 1 && var.vault_lock.max_retention_days >= var.vault_lock.min_retention_days &&
      var.vault_lock.max_retention_days <= 36500 && var.vault_lock.changeable_for_days >= 3 &&
      floor(var.vault_lock.min_retention_days) == var.vault_lock.min_retention_days && floor(var.vault_lock.max_retention_days) == var.vault_lock.max_retention_days,
    false)
    error_message = "vault_lock needs whole min_retention_days >= 1, max_retention_days from min_retention_days to 36500, and changeable_for_days >= 3 (AWS Backup's minimum grace period)."
  }
}

variable "copy" {
  type = object({
    region         = string
    retention_days = number
  })
  description = "Cross-region copy of every recovery point into <name_prefix>-backup-copy in region (a key of that region is created for it), kept retention_days; null for none."
  default     = null

  validation {
    condition     = var.copy == null || can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", try(var.copy.region, "")))
    error_message = "copy.region must be an AWS region name such as ap-southeast-2."
  }

  validation {
    condition     = var.copy == null || try(var.copy.retention_days >= 1 && floor(var.copy.retention_days) == var.copy.retention_days, false)
    error_message = "copy.retention_days must be a whole number of days of at least 1."
  }
}

variable "administrator_role_arns" {
  type        = list(string)
  description = "Roles (the account's MFA admin role) exempt from the vault policy's deny of DeleteRecoveryPoint; never a CI role."
  nullable    = false

  validation {
    condition     = length(var.administrator_role_arns) > 0 && alltrue([for a in var.administrator_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", a)) && !can(regex("-(deploy|plan)$", a))])
    error_message = "administrator_role_arns must hold at least one IAM role ARN, none of them a CI role (lookcard-<env>-deploy or -plan)."
  }
}

