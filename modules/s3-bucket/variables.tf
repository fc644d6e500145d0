variable "name" {
  type        = string
  description = "Name of the bucket (S3 names are global: callers end theirs in the account ID). 3-63 lower-case letters, digits and dashes; no dots, which break TLS on virtual-hosted-style endpoints."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.name))
    error_message = "name must be a 3-63 character S3 bucket name of lower-case letters, digits and dashes (no dots, no upper case), starting and ending with a letter or digit: shorten or fix \"${var.name}\"."
  }

  validation {
    condition = !anytrue(concat(
      [for p in ["xn--", "sthree-", "amzn-s3-demo-"] : startswith(var.name, p)],
      [for s in ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"] : endswith(var.name, s)],
    ))
    error_message = "name must not start with xn--, sthree- or amzn-s3-demo-, nor end with -s3alias, --ol-s3, --x-s3 or --table-s3: S3 reserves them."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the bucket on top of the provider's default_tags (e.g. Service, Purpose, DataClassification). Name is always the bucket name."
  default     = {}
  nullable    = false
}

variable "force_destroy" {
  type        = bool
  description = "Let a destroy delete the bucket with the objects in it. Off: a bucket holding state, logs or audit records is never emptied by Terraform."
  default     = false
  nullable    = false
}

variable "prevent_destroy" {
  type        = bool
  description = "Refuse any plan that destroys (or replaces) the bucket (lifecycle prevent_destroy). Changing it moves the bucket between two resource addresses: add a moved block (see README)."
  default     = false
  nullable    = false
}

variable "versioning" {
  type        = bool
  description = "Keep every version of every object (Enabled); false suspends versioning. Required by object_lock."
  default     = true
  nullable    = false
}

variable "encryption" {
  type = object({
    kms_key_arn = optional(string)
    sse_s3      = optional(bool, false)
  })
  description = <<-EOT
    Default encryption, exactly one of: kms_key_arn, a customer-managed key
    (SSE-KMS with an S3 Bucket Key), the rule; or sse_s3 = true (SSE-S3,
    AES256) where the writing service cannot use a KMS key: ALB access logs
    and CloudFront standard (legacy) logs support SSE-S3 only. An SSE-S3
    bucket is an exception to the KMS rule (LC-ENC-004) and needs an entry
    in policies/exceptions.yaml.
  EOT
  nullable    = false

  validation {
    condition     = (var.encryption.kms_key_arn != null) != var.encryption.sse_s3
    error_message = "encryption needs exactly one of kms_key_arn (SSE-KMS) or sse_s3 = true (SSE-S3, only for services that cannot write under a KMS key)."
  }

  validation {
    condition     = var.encryption.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.encryption.kms_key_arn))
    error_message = "encryption.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias or a key ID."
  }
}

variable "ownership" {
  type = object({
    object_ownership = optional(string, "BucketOwnerEnforced")
    acl_grants = optional(list(object({
      canonical_user_id = string
      permission        = string
    })), [])
  })
  description = <<-EOT
    Object ownership. BucketOwnerEnforced (the default) disables ACLs: the
    bucket policy alone decides access. BucketOwnerPreferred keeps ACLs for a
    writer that needs them (CloudFront standard logging writes through the
    awslogsdelivery account's grant); acl_grants then lists those grantees by
    canonical user ID, and the module manages the bucket ACL: the bucket
    owner with FULL_CONTROL plus exactly these grants.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = contains(["BucketOwnerEnforced", "BucketOwnerPreferred"], var.ownership.object_ownership)
    error_message = "ownership.object_ownership must be BucketOwnerEnforced (ACLs disabled) or BucketOwnerPreferred (for a writer that needs an ACL grant); ObjectWriter, which lets other accounts own objects here, is refused."
  }

  validation {
    condition     = length(var.ownership.acl_grants) == 0 || var.ownership.object_ownership == "BucketOwnerPreferred"
    error_message = "ownership.acl_grants need object_ownership = BucketOwnerPreferred: S3 ignores ACLs when ownership is BucketOwnerEnforced."
  }

  validation {
    condition = alltrue([for g in var.ownership.acl_grants : (
      can(regex("^[0-9a-f]{64}$", g.canonical_user_id)) &&
      contains(["FULL_CONTROL", "READ", "READ_ACP", "WRITE", "WRITE_ACP"], g.permission)
    )])
    error_message = "Every ownership.acl_grants entry needs a 64-hex-character canonical_user_id and a permission of FULL_CONTROL, READ, READ_ACP, WRITE or WRITE_ACP."
  }
}

variable "secure_transport" {
  type = object({
    deny_tls_below_1_2 = optional(bool, true)
    sid                = optional(string, "DenyInsecureTransport")
    position           = optional(string, "first")
  })
  description = <<-EOT
    The bucket policy statements the module always writes. A Deny of every
    request without TLS (aws:SecureTransport false) is always there;
    deny_tls_below_1_2 adds DenyOutdatedTls (s3:TlsVersion < 1.2, PCI DSS
    4.2.1). sid and position (first or last, relative to policy_statements)
    exist only so that an existing bucket policy keeps its exact text; new
    buckets keep the defaults.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9]{1,128}$", var.secure_transport.sid)) && var.secure_transport.sid != "DenyOutdatedTls"
    error_message = "secure_transport.sid must be an alphanumeric statement ID (at most 128 characters) other than DenyOutdatedTls."
  }

  validation {
    condition     = contains(["first", "last"], var.secure_transport.position)
    error_message = "secure_transport.position must be first or last (where the module's statements go relative to policy_statements)."
  }
}

variable "policy_statements" {
  type        = any
  description = <<-EOT
    Further bucket policy statements (a list of IAM statement objects as
    jsonencode takes them: Sid, Effect, Principal, Action, Resource,
    Condition), typically the service that writes to the bucket, scoped with
    aws:SourceArn or aws:SourceAccount. They are merged with the module's
    secure_transport statements into one policy. Each needs a unique
    alphanumeric Sid; nothing may be allowed to every principal.
  EOT
  default     = []
  nullable    = false

  validation {
    condition     = can([for s in var.policy_statements : s]) && can(length(var.policy_statements)) && !can(keys(var.policy_statements))
    error_message = "policy_statements must be a list of statement objects, e.g. [{ Sid = \"...\", Effect = \"Allow\", Principal = { Service = \"...\" }, Action = \"s3:PutObject\", Resource = \"<bucket ARN>/*\" }]."
  }

  validation {
    condition = alltrue([for s in var.policy_statements : (
      can(regex("^[A-Za-z0-9]{1,128}$", s.Sid)) && contains(["Allow", "Deny"], try(s.Effect, "")) && can(s.Action) && can(s.Resource)
    )])
    error_message = "Every policy statement needs an alphanumeric Sid, Effect Allow or Deny, an Action and a Resource."
  }

  validation {
    condition     = length(distinct([for s in var.policy_statements : try(s.Sid, "")])) == length([for s in var.policy_statements : try(s.Sid, "")])
    error_message = "policy_statements must have unique Sids."
  }

  validation {
    condition = !anytrue([for s in var.policy_statements : (
      try(s.Effect, "") == "Allow" && anytrue([
        for p in flatten([try(s.Principal, null) == "*" ? ["*"] : try(flatten([s.Principal.AWS]), [])]) : p == "*"
      ])
    )])
    error_message = "No policy statement may Allow every principal (Principal \"*\" or { AWS = \"*\" }): name the service or the roles instead."
  }
}

variable "lifecycle_rules" {
  type = list(object({
    id                                     = string
    enabled                                = optional(bool, true)
    prefix                                 = optional(string)
    expiration_days                        = optional(number)
    noncurrent_version_expiration_days     = optional(number)
    transitions                            = optional(list(object({ days = number, storage_class = string })), [])
    abort_incomplete_multipart_upload_days = optional(number, 7)
  }))
  description = <<-EOT
    Lifecycle rules, in order. Each applies to the whole bucket (or to the
    objects under prefix) and may: move current objects to other storage
    classes after transitions[].days, expire them after expiration_days,
    expire noncurrent versions noncurrent_version_expiration_days after they
    were superseded, and abort incomplete multipart uploads after
    abort_incomplete_multipart_upload_days (7 by default). Empty: no
    lifecycle configuration.
  EOT
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for r in var.lifecycle_rules : can(regex("^[A-Za-z0-9 ._-]{1,255}$", r.id))]) && length(distinct([for r in var.lifecycle_rules : r.id])) == length(var.lifecycle_rules)
    error_message = "Every lifecycle rule needs a unique id of 1-255 letters, digits, spaces, '.', '_' or '-'."
  }

  validation {
    condition = alltrue(flatten([for r in var.lifecycle_rules : [
      for d in concat(
        [r.expiration_days, r.noncurrent_version_expiration_days, r.abort_incomplete_multipart_upload_days],
        [for t in r.transitions : t.days],
      ) : d == null ? true : (d >= 1 && floor(d) == d)
    ]]))
    error_message = "Lifecycle days (expiration_days, noncurrent_version_expiration_days, transitions[].days, abort_incomplete_multipart_upload_days) must be whole numbers of at least 1."
  }

  validation {
    condition = alltrue(flatten([for r in var.lifecycle_rules : [
      for t in r.transitions : contains(["STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"], t.storage_class) &&
      (!contains(["STANDARD_IA", "ONEZONE_IA"], t.storage_class) || t.days >= 30)
    ]]))
    error_message = "transitions[].storage_class must be STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or DEEP_ARCHIVE, and S3 moves objects to STANDARD_IA or ONEZONE_IA only after 30 days or more."
  }

  validation {
    condition     = alltrue([for r in var.lifecycle_rules : r.expiration_days == null || alltrue([for t in r.transitions : t.days < coalesce(r.expiration_days, 0)])])
    error_message = "A rule's expiration_days must be greater than the days of each of its transitions (S3 refuses a rule that expires objects before moving them)."
  }
}

variable "object_lock" {
  type = object({
    mode = string
    days = number
  })
  description = "Object Lock default retention of every new object (GOVERNANCE or COMPLIANCE, for days); null for none. S3 turns Object Lock on only when the bucket is created: setting or clearing it on an existing bucket replaces the bucket. Needs versioning."
  default     = null

  validation {
    condition     = var.object_lock == null || (contains(["GOVERNANCE", "COMPLIANCE"], try(var.object_lock.mode, "")) && try(var.object_lock.days >= 1 && floor(var.object_lock.days) == var.object_lock.days, false))
    error_message = "object_lock must be null or { mode = GOVERNANCE or COMPLIANCE, days = a whole number of at least 1 }."
  }
}

variable "logging" {
  type = object({
    target_bucket = string
    target_prefix = optional(string)
  })
  description = "S3 server access logging into another bucket (target_prefix defaults to <name>/); null for none. The target bucket's policy must admit logging.s3.amazonaws.com."
  default     = null

  validation {
    condition     = var.logging == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", try(var.logging.target_bucket, "")))
    error_message = "logging.target_bucket must be a bucket name (not an ARN)."
  }
}
