output "web_acl_arn" {
  description = "ARN of the web ACL (null when disabled). For CLOUDFRONT, pass it to the cloudfront module's web_acl_arn. Known after apply."
  value       = var.enabled ? aws_wafv2_web_acl.this[0].arn : null
}

output "web_acl_name" {
  description = "Name of the web ACL, <name_prefix>-<scope in lower case>; also its CloudWatch metric name (the WebACL dimension). Null when disabled. Known at plan."
  value       = var.enabled ? local.acl_name : null
}

output "log_group_name" {
  description = "CloudWatch log group of the WAF logs (aws-waf-logs-...). Null when disabled. Known at plan."
  value       = var.enabled ? aws_cloudwatch_log_group.this[0].name : null
}

output "rule_names" {
  description = "Rule names in evaluation (priority) order. Empty when disabled. Known at plan."
  value       = var.enabled ? local.rule_names : []
}

output "metric_names" {
  description = "CloudWatch metric name (the Rule dimension of AWS/WAFV2 metrics) by rule name, for alarms on blocked requests and the rate rules. Empty when disabled. Known at plan."
  value       = var.enabled ? local.metric_name : {}
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms on blocked requests (<name_prefix>-waf-<scope>-blocked-requests, -rate-per-ip, -rate-sensitive-per-ip), sorted. Empty when disabled or without alarms. Known at plan."
  value       = sort([for a in aws_cloudwatch_metric_alarm.this : a.alarm_name])
}

output "origin_verify_header" {
  description = "The secret origin header the edge in front must add, { name, value } (null unless origin_verify is set and the ACL enabled). Sensitive; the value is known after apply."
  value       = var.enabled && local.origin_guard ? { name = lower(var.origin_verify.header_name), value = aws_secretsmanager_secret_version.origin_verify[0].secret_string } : null
  sensitive   = true
}

output "origin_verify_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the origin header's value (null unless origin_verify is set). Known after apply."
  value       = var.enabled && local.origin_guard ? aws_secretsmanager_secret.origin_verify[0].arn : null
}
