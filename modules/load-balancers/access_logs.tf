# The ALB's access-log bucket (modules/s3-bucket). ALB access logs support
# only SSE-S3 (AES256), not SSE-KMS: a documented exception to the KMS rule
# (see README). The log-delivery grant stays here, with the ALB it serves.

locals {
  access_log_bucket     = "${var.name_prefix}-alb-logs-${var.account_id}"
  access_log_bucket_arn = "arn:${var.partition}:s3:::${local.access_log_bucket}"
}

module "access_logs_bucket" {
  source = "../s3-bucket"

  name       = local.access_log_bucket
  partition  = var.partition
  versioning = true
  encryption = { sse_s3 = true }

  # This bucket's policy predates the module: the TLS statement keeps its Sid
  # and its place after the grant, and there is no TLS-version statement, so
  # the policy text is unchanged.
  secure_transport = {
    sid                = "DenyNonTlsRequests"
    position           = "last"
    deny_tls_below_1_2 = false
  }

  policy_statements = [{
    Sid       = "ElbLogDeliveryWritesThisAccountsLogs"
    Effect    = "Allow"
    Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
    Action    = "s3:PutObject"
    Resource  = "${local.access_log_bucket_arn}/AWSLogs/${var.account_id}/*"
  }]

  lifecycle_rules = [{
    id                                     = "expire-access-logs"
    expiration_days                        = var.access_logs.retention_days
    noncurrent_version_expiration_days     = 30
    abort_incomplete_multipart_upload_days = 7
  }]
}
