# The static assets bucket (modules/s3-bucket): private, versioned,
# encrypted, TLS only, readable only by this distribution through Origin
# Access Control.

module "assets_bucket" {
  source = "../s3-bucket"

  name = local.assets_bucket_name
  tags = { Service = var.service_name }

  versioning = true

  # SSE-KMS with the given key, else SSE-S3. The assets are public content
  # once served, so SSE-S3 is enough and needs no key policy; a
  # customer-managed key must let cloudfront.amazonaws.com decrypt for this
  # distribution (AWS:SourceArn = distribution_arn) or every asset request
  # fails.
  encryption = {
    kms_key_arn = var.assets.kms_key_arn
    sse_s3      = var.assets.kms_key_arn == null
  }

  # The module refuses plain HTTP and TLS below 1.2 for everyone; then this
  # distribution (and nothing else) may read objects through OAC.
  policy_statements = [{
    Sid       = "CloudFrontOacReadsForThisDistributionOnly"
    Effect    = "Allow"
    Principal = { Service = "cloudfront.amazonaws.com" }
    Action    = "s3:GetObject"
    Resource  = "${local.assets_bucket_arn}/*"
    Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.this.arn } }
  }]

  # Superseded builds are kept 30 days for a rollback, then removed.
  lifecycle_rules = [{
    id                                     = "expire-superseded-assets"
    noncurrent_version_expiration_days     = 30
    abort_incomplete_multipart_upload_days = 7
  }]
}
