variable "name_prefix" {
  type        = string
  description = "Prefix of every name, lookcard-<env>."
  nullable    = false

  validation {
    condition     = can(regex("^lookcard-[a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must look like lookcard-<env>: lower-case letters, digits and dashes."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account being audited; the bucket name, the trail ARN and every service condition are built from it."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "region" {
  type        = string
  description = "Home region of the trail, the detector, Security Hub and the Config recorder."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-southeast-1."
  }
}

variable "partition" {
  type        = string
  description = "AWS partition (aws, aws-cn, aws-us-gov)."
  default     = "aws"
  nullable    = false

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.partition)
    error_message = "partition must be aws, aws-cn or aws-us-gov."
  }
}

variable "logs" {
  type = object({
    kms_key_arn       = string
    retention_in_days = number
  })
  description = "KMS key (the logs key) that encrypts the trail's CloudWatch log group, and how long the log group keeps events (the S3 copy is kept audit.retention_days)."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.logs.kms_key_arn))
    error_message = "logs.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.logs.retention_in_days)
    error_message = "logs.retention_in_days must be one of CloudWatch Logs' values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "audit" {
  description = <<-EOT
    What this account records. cloudtrail: the multi-region trail (management
    events, read and write, are always logged; Secrets Manager GetSecretValue
    is one of them). data_events_bucket_arns: S3 buckets whose object-level
    events are logged too. object_lock: retention of every log object for
    retention_days (turning it on only at bucket creation: changing it
    replaces the bucket), in object_lock_mode: COMPLIANCE (production: no
    principal of the account, root included, can delete or shorten it) or
    GOVERNANCE (principals with s3:BypassGovernanceRetention can). Logs move to Glacier after transition_to_glacier_days and
    expire after retention_days. guardduty, security_hub, config: turn on the
    account's GuardDuty detector, Security Hub (FSBP and PCI DSS v4.0.1) and
    the Config recorder. trail_kms_key_arn encrypts the log bucket.
  EOT
  type = object({
    cloudtrail                 = optional(bool, true)
    object_lock                = optional(bool, false)
    object_lock_mode           = optional(string, "GOVERNANCE")
    data_events_bucket_arns    = optional(list(string), [])
    guardduty                  = optional(bool, false)
    security_hub               = optional(bool, false)
    config                     = optional(bool, false)
    trail_kms_key_arn          = string
    transition_to_glacier_days = optional(number, 90)
    retention_days             = optional(number, 2555)
  })
  nullable = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.audit.trail_kms_key_arn))
    error_message = "audit.trail_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }

  validation {
    condition     = alltrue([for b in var.audit.data_events_bucket_arns : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b))])
    error_message = "audit.data_events_bucket_arns must be S3 bucket ARNs (arn:aws:s3:::<bucket>), without an object path."
  }

  # PCI DSS 10.5.1: audit logs are kept at least 12 months, the last three
  # immediately available.
  validation {
    condition = (
      var.audit.retention_days >= 365 && var.audit.retention_days <= 36500 && floor(var.audit.retention_days) == var.audit.retention_days &&
      var.audit.transition_to_glacier_days >= 90 && floor(var.audit.transition_to_glacier_days) == var.audit.transition_to_glacier_days &&
      var.audit.transition_to_glacier_days < var.audit.retention_days
    )
    error_message = "audit.retention_days must be whole days from 365 to 36500 and transition_to_glacier_days whole days from 90 and below retention_days: PCI DSS 10.5.1 keeps audit logs 12 months, the last 3 immediately available."
  }

  validation {
    condition     = contains(["GOVERNANCE", "COMPLIANCE"], var.audit.object_lock_mode)
    error_message = "audit.object_lock_mode must be GOVERNANCE or COMPLIANCE."
  }

  validation {
    condition     = var.audit.cloudtrail || !var.audit.object_lock || var.audit.config
    error_message = "audit.object_lock protects the log bucket, which exists only with cloudtrail or config: turn one of them on or object_lock off."
  }

  validation {
    condition     = var.audit.cloudtrail || length(var.audit.data_events_bucket_arns) == 0
    error_message = "audit.data_events_bucket_arns are logged by the trail: turn cloudtrail on or leave the list empty."
  }
}

variable "permissions_boundary_arn" {
  type        = string
  description = "Permissions boundary of every IAM role this module creates: the account's lookcard-<account>-workload-boundary (bootstrap/). The deploy role may create a role only with it. Null only outside the pipeline (tests)."
  default     = null

  validation {
    condition     = var.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/lookcard-[a-z0-9-]+-workload-boundary$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be null or the ARN of a lookcard-<account>-workload-boundary policy (arn:aws:iam::<account>:policy/lookcard-<account>-workload-boundary)."
  }
}
