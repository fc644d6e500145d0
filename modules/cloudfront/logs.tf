# The access log bucket. CloudFront standard logging (legacy) writes through
# the awslogsdelivery account's ACL grant, so this bucket, unlike the assets
# bucket, keeps ACLs enabled (BucketOwnerPreferred: objects written with
# bucket-owner-full-control belong to this account). See the README for why
# legacy logging rather than the CloudWatch Logs (v2) delivery.

locals {
  # The awslogsdelivery account that writes CloudFront standard logs.
  awslogsdelivery_canonical_id = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0"

  # <bucket>.s3.amazonaws.com, the form logging_config takes; built from the
  # name so that the plan shows where logs go.
  logs_bucket_domain_name = "${local.logs_bucket_name}.s3.amazonaws.com"
  logs_prefix             = "cloudfront/"
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "logs" {
  bucket = local.logs_bucket_name

  tags = merge(local.tags, { Name = local.logs_bucket_name })

  lifecycle {
    precondition {
      condition     = length(local.logs_bucket_name) <= 63
      error_message = "Bucket name ${local.logs_bucket_name} is longer than S3's 63 characters: shorten name_prefix."
    }
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket = aws_s3_bucket.logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

# The bucket owner and the log delivery account, nobody else. Managed here so
# that the grant exists before the distribution turns logging on and any
# other grant is removed.
resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id

  access_control_policy {
    owner {
      id = data.aws_canonical_user_id.current.id
    }

    grant {
      grantee {
        type = "CanonicalUser"
        id   = data.aws_canonical_user_id.current.id
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "CanonicalUser"
        id   = local.awslogsdelivery_canonical_id
      }
      permission = "FULL_CONTROL"
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

# SSE-S3: legacy log delivery cannot write to a bucket whose default is a
# customer-managed KMS key without extra grants, and access logs hold no
# cardholder data.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Logs expire after the retention; a deleted or overwritten log file stays
# recoverable for 30 more days as a noncurrent version.
resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-access-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.logging.retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.logs]
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.logs_bucket_arn, "${local.logs_bucket_arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DenyOutdatedTls"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.logs_bucket_arn, "${local.logs_bucket_arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.logs]
}
