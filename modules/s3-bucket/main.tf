# One private S3 bucket with LookCard's hardening: all four public access
# blocks, ownership controls, versioning, default encryption (SSE-KMS, or
# SSE-S3 where the writing service requires it), a TLS-only bucket policy
# merged with the caller's statements (policy.tf), lifecycle rules
# (lifecycle.tf) and, when asked, Object Lock, an ACL for a log writer and
# server access logging. The caller passes only what differs.

locals {
  arn  = "arn:${var.partition}:s3:::${var.name}"
  tags = merge(var.tags, { Name = var.name })

  # Exactly one of the two bucket resources below exists. Outputs read it
  # here; the bucket's other resources name the bucket by var.name and
  # depend on both bucket resources instead: a scanner (Trivy, tfsec)
  # cannot follow one(concat(...)) and would report each bucket as lacking
  # its public access block, encryption and versioning, but it matches a
  # literal name. depends_on keeps the creation order.
  bucket = one(concat(aws_s3_bucket.this, aws_s3_bucket.protected))
}

# prevent_destroy must be a literal, so a protected bucket is a resource of
# its own; everything else is identical.
resource "aws_s3_bucket" "this" {
  count = var.prevent_destroy ? 0 : 1

  bucket        = var.name
  force_destroy = var.force_destroy
  # Object Lock can only be turned on when the bucket is created.
  object_lock_enabled = var.object_lock != null

  tags = local.tags
}

resource "aws_s3_bucket" "protected" {
  count = var.prevent_destroy ? 1 : 0

  bucket              = var.name
  force_destroy       = var.force_destroy
  object_lock_enabled = var.object_lock != null

  tags = local.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = var.name

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected]
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = var.name

  rule {
    object_ownership = var.ownership.object_ownership
  }

  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected]
}

data "aws_canonical_user_id" "current" {
  count = length(var.ownership.acl_grants) > 0 ? 1 : 0
}

# Only with acl_grants (BucketOwnerPreferred): the bucket owner and the given
# grantees, nobody else. Managed here so that any other grant is removed and
# the grant exists before the caller turns its writer on (depends_on the
# module).
resource "aws_s3_bucket_acl" "this" {
  count = length(var.ownership.acl_grants) > 0 ? 1 : 0

  bucket = var.name

  access_control_policy {
    owner {
      id = data.aws_canonical_user_id.current[0].id
    }

    grant {
      grantee {
        type = "CanonicalUser"
        id   = data.aws_canonical_user_id.current[0].id
      }
      permission = "FULL_CONTROL"
    }

    dynamic "grant" {
      for_each = var.ownership.acl_grants

      content {
        grantee {
          type = "CanonicalUser"
          id   = grant.value.canonical_user_id
        }
        permission = grant.value.permission
      }
    }
  }

  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected, aws_s3_bucket_ownership_controls.this]
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = var.name

  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }

  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected]
}

# SSE-KMS with the given key and an S3 Bucket Key (fewer KMS requests), or
# SSE-S3 for the services that cannot write under a KMS key.
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = var.name

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.encryption.sse_s3 ? "AES256" : "aws:kms"
      kms_master_key_id = var.encryption.kms_key_arn
    }
    bucket_key_enabled = !var.encryption.sse_s3
  }

  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected]
}

resource "aws_s3_bucket_object_lock_configuration" "this" {
  count = var.object_lock != null ? 1 : 0

  bucket = var.name

  rule {
    default_retention {
      mode = var.object_lock.mode
      days = var.object_lock.days
    }
  }

  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected, aws_s3_bucket_versioning.this]

  lifecycle {
    precondition {
      condition     = var.versioning
      error_message = "object_lock needs versioning = true: S3 locks object versions."
    }
  }
}

resource "aws_s3_bucket_logging" "this" {
  count = var.logging != null ? 1 : 0

  bucket        = var.name
  target_bucket = var.logging.target_bucket
  target_prefix = coalesce(var.logging.target_prefix, "${var.name}/")

  lifecycle {
    precondition {
      condition     = var.logging.target_bucket != var.name
      error_message = "logging.target_bucket must be another bucket: a bucket logging into itself logs its own log writes without end."
    }
  }

  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected]
}
