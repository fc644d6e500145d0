# The alert topics (one per severity, KMS-encrypted, publishable only by this
# account's CloudWatch alarms and only over TLS) are the alert-topics module's;
# the root calls that module a second time in us-east-1 for the CloudFront web
# ACL's alarms. alerting keeps its shape and validations, so callers of this
# module see no change.

module "alert_topics" {
  source = "../alert-topics"

  name_prefix   = var.name_prefix
  account_id    = var.account_id
  region        = var.region
  partition     = var.partition
  kms_key_arn   = var.alerting.kms_key_arn
  subscriptions = var.alerting.subscriptions
  routes        = var.alerting.routes
}
