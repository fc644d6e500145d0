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

  # Object Lock can only be turned on when the bucket is created.
  object_lock = var.audit.object_lock ? { mode = "GOVERNANCE", days = var.audit.retention_days } : null

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
