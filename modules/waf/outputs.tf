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
