output "trail_arn" {
  description = "ARN of the trail, built from known parts (known at plan time); null when audit.cloudtrail is off."
  value       = var.audit.cloudtrail ? local.trail_arn : null
}

output "trail_name" {
  description = "Name of the trail, <name_prefix>-trail; null when audit.cloudtrail is off."
  value       = var.audit.cloudtrail ? aws_cloudtrail.this[0].name : null
}

output "trail_bucket" {
  description = "Name of the log bucket (CloudTrail under cloudtrail/, Config under config/), known at plan time; null when neither is on."
  value       = local.bucket_enabled ? module.bucket[0].name : null
}

output "trail_bucket_arn" {
  description = "ARN of the log bucket, known at plan time; null when neither CloudTrail nor Config is on."
  value       = local.bucket_enabled ? local.bucket_arn : null
}

output "trail_log_group_name" {
  description = "CloudWatch log group receiving the trail's events (for metric filters); null when audit.cloudtrail is off."
  value       = var.audit.cloudtrail ? aws_cloudwatch_log_group.trail[0].name : null
}

output "guardduty_detector_id" {
  description = "ID of the GuardDuty detector (known after apply); null when audit.guardduty is off."
  value       = var.audit.guardduty ? aws_guardduty_detector.this[0].id : null
}

output "security_hub_standards_arns" {
  description = "Standards ARNs Security Hub is subscribed to (empty when audit.security_hub is off)."
  value       = sort([for s in aws_securityhub_standards_subscription.this : s.standards_arn])
}

output "config_recorder_name" {
  description = "Name of the AWS Config recorder; null when audit.config is off."
  value       = var.audit.config ? aws_config_configuration_recorder.this[0].name : null
}

output "config_role_name" {
  description = "Name of the Config recorder's role (for the trail key's policy), known at plan time; null when audit.config is off."
  value       = var.audit.config ? module.config_role[0].name : null
}
