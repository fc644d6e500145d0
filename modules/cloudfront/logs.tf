# The access log bucket (modules/s3-bucket). CloudFront standard logging
# (legacy) writes through the awslogsdelivery account's ACL grant, so this
# bucket, unlike the assets bucket, keeps ACLs enabled (BucketOwnerPreferred:
# objects written with bucket-owner-full-control belong to this account) and
# the module manages its ACL: the bucket owner and awslogsdelivery, nobody
# else. See the README for why legacy logging rather than the CloudWatch Logs
# (v2) delivery.

locals {
  # The awslogsdelivery account that writes CloudFront standard logs.
  awslogsdelivery_canonical_id = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0"

  # <bucket>.s3.amazonaws.com, the form logging_config takes; built from the
  # name so that the plan shows where logs go.
  logs_bucket_domain_name = "${local.logs_bucket_name}.s3.amazonaws.com"
  logs_prefix             = "cloudfront/"
}

module "logs_bucket" {
  source = "../s3-bucket"

  name = local.logs_bucket_name
  tags = { Service = var.service_name }

  versioning = true

  # SSE-S3: legacy log delivery cannot write to a bucket whose default is a
  # customer-managed KMS key without extra grants, and access logs hold no
  # cardholder data.
  encryption = { sse_s3 = true }

  ownership = {
    object_ownership = "BucketOwnerPreferred"
    acl_grants       = [{ canonical_user_id = local.awslogsdelivery_canonical_id, permission = "FULL_CONTROL" }]
  }

  # Logs expire after the retention; a deleted or overwritten log file stays
  # recoverable for 30 more days as a noncurrent version.
  lifecycle_rules = [{
    id                                     = "expire-access-logs"
    expiration_days                        = var.logging.retention_days
    noncurrent_version_expiration_days     = 30
    abort_incomplete_multipart_upload_days = 7
  }]
}
