output "topic_arns" {
  description = "Alert topic ARN by severity (critical, warning), known at plan time: for other modules' alarms and for key policies."
  value       = local.topic_arns
}

output "topic_names" {
  description = "Alert topic name by severity."
  value       = module.alert_topics.topic_names
}

output "alarm_names" {
  description = "Names of every alarm this module creates, sorted (known at plan time)."
  value       = sort([for a in aws_cloudwatch_metric_alarm.this : a.alarm_name])
}

output "dashboard_names" {
  description = "Dashboard name by key: overview, and each ECS cluster name."
  value       = { for k, d in aws_cloudwatch_dashboard.this : k => d.dashboard_name }
}

output "xray_group_names" {
  description = "X-Ray group names, sorted: one per service and the errors/faults group."
  value       = sort(concat([for g in aws_xray_group.service : g.group_name], [aws_xray_group.errors.group_name]))
}

output "xray_sampling_rule_name" {
  description = "Name of the environment's X-Ray sampling rule."
  value       = aws_xray_sampling_rule.this.rule_name
}
