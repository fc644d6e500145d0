# The log bucket (modules/s3-bucket): CloudTrail under cloudtrail/, Config
# under config/. Private (public access blocked, ACLs disabled), versioned,
# SSE-KMS with the trail key, TLS only, optionally object-locked; logs go to
# Glacier after transition_to_glacier_days and expire after retention_days.
# The CloudTrail and Config grants stay here, with the trail and recorder.

locals {
  bucket_statements = concat(
    [for st in [
      {
        Sid       = "CloudTrailAclCheckOfThisTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = local.bucket_arn
        Condition = {
          StringEquals = { "aws:SourceArn" = local.trail_arn }
        }
      },
      {
        Sid       = "CloudTrailWritesOfThisTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${local.bucket_arn}/${local.trail_prefix}/AWSLogs/${var.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ] : st if var.audit.cloudtrail],
    [for st in [
      {
        Sid       = "ConfigBucketChecksOfThisAccount"
        Effect    = "Allow"
        Principal = { Service = "config.amazonaws.com" }
        Action    = ["s3:GetBucketAcl", "s3:ListBucket"]
        Resource  = local.bucket_arn
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
        }
      },
      {
        Sid       = "ConfigWritesOfThisAccount"
        Effect    = "Allow"
        Principal = { Service = "config.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${local.bucket_arn}/${local.config_prefix}/AWSLogs/${var.account_id}/Config/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"      = "bucket-owner-full-control"
            "aws:SourceAccount" = var.account_id
          }
        }
      },
    ] : st if var.audit.config],
  )
}

module "bucket" {
  source = "../s3-bucket"
  count  = local.bucket_enabled ? 1 : 0

  name      = local.bucket_name
  partition = var.partition
  tags      = { DataClassification = "restricted" }

  versioning = true
  encryption = { kms_key_arn = var.audit.trail_kms_key_arn }

  # Object Lock can only be turned on when the bucket is created; its mode
  # can change later (applying to objects written from then on).
  object_lock = var.audit.object_lock ? { mode = var.audit.object_lock_mode, days = var.audit.retention_days } : null

  # Who read or wrote the audit logs (PCI DSS 10.2.1.3): S3 server access
  # logs, into a bucket of their own.
  logging = { target_bucket = one(module.access_logs_bucket[*].name), target_prefix = "${local.bucket_name}/" }

  # This bucket's policy predates the module's TLS-version statement; it is
  # left out so that the policy text is unchanged.
  secure_transport  = { deny_tls_below_1_2 = false }
  policy_statements = local.bucket_statements

  lifecycle_rules = [{
    id              = "archive-then-expire"
    transitions     = [{ days = var.audit.transition_to_glacier_days, storage_class = "GLACIER" }]
    expiration_days = var.audit.retention_days
    # Log objects are never overwritten: a noncurrent version is one that
    # expired (or was deleted), kept 30 more days as a safety net.
    noncurrent_version_expiration_days     = 30
    abort_incomplete_multipart_upload_days = 7
  }]
}

# --- Server access logs of the audit bucket ---------------------------------------

# S3 delivers server access logs only to a bucket with SSE-S3 default
# encryption (not SSE-KMS), in the same account and region. Kept as long as
# the audit logs, locked the same way.
module "access_logs_bucket" {
  source = "../s3-bucket"
  count  = local.bucket_enabled ? 1 : 0

  name      = local.access_logs_bucket_name
  partition = var.partition
  tags      = { DataClassification = "restricted" }

  versioning  = true
  encryption  = { sse_s3 = true }
  object_lock = var.audit.object_lock ? { mode = var.audit.object_lock_mode, days = var.audit.retention_days } : null

  secure_transport = { deny_tls_below_1_2 = false }
  policy_statements = [{
    Sid       = "S3ServerAccessLogsOfTheAuditBucket"
    Effect    = "Allow"
    Principal = { Service = "logging.s3.amazonaws.com" }
    Action    = "s3:PutObject"
    Resource  = "arn:${var.partition}:s3:::${local.access_logs_bucket_name}/${local.bucket_name}/*"
    Condition = {
      ArnLike      = { "aws:SourceArn" = local.bucket_arn }
      StringEquals = { "aws:SourceAccount" = var.account_id }
    }
  }]

  lifecycle_rules = [{
    id                                     = "expire"
    expiration_days                        = var.audit.retention_days
    noncurrent_version_expiration_days     = 30
    abort_incomplete_multipart_upload_days = 7
  }]
}

# --- Account-level S3 Block Public Access ------------------------------------------

# Once per account (this module is): no bucket of the account can be made
# public, whatever its own settings.
resource "aws_s3_account_public_access_block" "this" {
  account_id = var.account_id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
