# The log bucket: CloudTrail under cloudtrail/, Config under config/.
# Private (public access blocked, ACLs disabled), versioned, SSE-KMS with the
# trail key, TLS only, optionally object-locked; logs go to Glacier after
# transition_to_glacier_days and expire after retention_days.

resource "aws_s3_bucket" "audit" {
  count = local.bucket_enabled ? 1 : 0

  bucket = local.bucket_name
  # Object Lock can only be turned on when the bucket is created.
  object_lock_enabled = var.audit.object_lock

  tags = { Name = local.bucket_name, DataClassification = "restricted" }
}

resource "aws_s3_bucket_ownership_controls" "audit" {
  count = local.bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.audit[0].bucket

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "audit" {
  count = local.bucket_enabled ? 1 : 0

  bucket                  = aws_s3_bucket.audit[0].bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "audit" {
  count = local.bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.audit[0].bucket

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit" {
  count = local.bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.audit[0].bucket

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.audit.trail_kms_key_arn
    }
  }
}

resource "aws_s3_bucket_object_lock_configuration" "audit" {
  count = local.bucket_enabled && var.audit.object_lock ? 1 : 0

  bucket = aws_s3_bucket.audit[0].bucket

  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = var.audit.retention_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.audit]
}

resource "aws_s3_bucket_lifecycle_configuration" "audit" {
  count = local.bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.audit[0].bucket

  rule {
    id     = "archive-then-expire"
    status = "Enabled"

    filter {}

    transition {
      days          = var.audit.transition_to_glacier_days
      storage_class = "GLACIER"
    }

    expiration {
      days = var.audit.retention_days
    }

    # Log objects are never overwritten: a noncurrent version is one that
    # expired (or was deleted), kept 30 more days as a safety net.
    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.audit]
}

locals {
  bucket_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.bucket_arn, "${local.bucket_arn}/*"]
        Condition = {
          Bool = { "aws:SecureTransport" = "false" }
        }
      }],
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
  })
}

resource "aws_s3_bucket_policy" "audit" {
  count = local.bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.audit[0].bucket
  policy = local.bucket_policy

  depends_on = [aws_s3_bucket_public_access_block.audit]
}
