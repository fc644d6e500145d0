output "topic_arns" {
  description = "Alert topic ARN by severity (critical, warning), built from known parts: known at plan. For alarm actions of this region and for key policies."
  value       = local.topic_arns
}

output "topic_names" {
  description = "Alert topic name by severity (<name_prefix>-alerts-<severity>). Known at plan."
  value       = { for k, t in aws_sns_topic.alerts : k => t.name }
}

output "route_rule_names" {
  description = "EventBridge rule name by route (routes.tf), known at plan time."
  value       = local.rule_names
}
