# The static assets bucket: private, versioned, encrypted, TLS only, readable
# only by this distribution through Origin Access Control.

resource "aws_s3_bucket" "assets" {
  bucket = local.assets_bucket_name

  tags = merge(local.tags, { Name = local.assets_bucket_name })

  lifecycle {
    precondition {
      condition     = length(local.assets_bucket_name) <= 63
      error_message = "Bucket name ${local.assets_bucket_name} is longer than S3's 63 characters: shorten name_prefix."
    }
  }
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket = aws_s3_bucket.assets.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ACLs disabled: access is decided by the bucket policy alone.
resource "aws_s3_bucket_ownership_controls" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "assets" {
  bucket = aws_s3_bucket.assets.id

  versioning_configuration {
    status = "Enabled"
  }
}

# SSE-KMS with the given key, else SSE-S3. The assets are public content once
# served, so SSE-S3 is enough and needs no key policy; a customer-managed key
# must let cloudfront.amazonaws.com decrypt for this distribution
# (AWS:SourceArn = distribution_arn) or every asset request fails.
resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.assets.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.assets.kms_key_arn
    }
    bucket_key_enabled = var.assets.kms_key_arn != null
  }
}

# Superseded builds are kept 30 days for a rollback, then removed.
resource "aws_s3_bucket_lifecycle_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    id     = "expire-superseded-assets"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.assets]
}

locals {
  # Refuse plain HTTP and TLS below 1.2 for everyone, then let this
  # distribution (and nothing else) read objects through OAC.
  assets_bucket_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.assets_bucket_arn, "${local.assets_bucket_arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DenyOutdatedTls"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.assets_bucket_arn, "${local.assets_bucket_arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
      },
      {
        Sid       = "CloudFrontOacReadsForThisDistributionOnly"
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = "s3:GetObject"
        Resource  = "${local.assets_bucket_arn}/*"
        Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.this.arn } }
      },
    ]
  })
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = local.assets_bucket_policy

  # A policy is public-looking to S3 until the block is in place.
  depends_on = [aws_s3_bucket_public_access_block.assets]
}
