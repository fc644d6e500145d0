# The account's audit trail and security services: a multi-region CloudTrail
# trail into a dedicated, KMS-encrypted, TLS-only S3 bucket (trail.tf,
# bucket.tf) with a copy in CloudWatch Logs, and, when asked, the GuardDuty
# detector, Security Hub with FSBP and PCI DSS, and the Config recorder
# delivering to the same bucket. These are account-and-region singletons:
# call the module once per account, never from a preview stack.

locals {
  bucket_enabled = var.audit.cloudtrail || var.audit.config

  trail_name = "${var.name_prefix}-trail"
  # Built from known parts: the bucket policy and the logs role's trust name
  # the trail before it exists (CloudTrail checks the bucket policy on
  # creation).
  trail_arn = "arn:${var.partition}:cloudtrail:${var.region}:${var.account_id}:trail/${local.trail_name}"

  # <= 39 + 7 + 12 = 58 characters, within S3's 63.
  bucket_name = "${var.name_prefix}-audit-${var.account_id}"
  bucket_arn  = "arn:${var.partition}:s3:::${local.bucket_name}"
  # <= 39 + 11 + 12 = 62 characters.
  access_logs_bucket_name = "${var.name_prefix}-s3-access-${var.account_id}"

  trail_prefix  = "cloudtrail"
  config_prefix = "config"

  log_group_name = "/aws/cloudtrail/${var.name_prefix}"
  log_group_arn  = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${local.log_group_name}"

  trail_logs_role_name = "${var.name_prefix}-cloudtrail-logs"
  config_role_name     = "${var.name_prefix}-config"
}
