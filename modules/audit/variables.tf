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

