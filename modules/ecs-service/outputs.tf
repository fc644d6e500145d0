output "service_name" {
  description = "Name of the ECS service (null for a job, which has none)."
  value       = local.is_job ? null : aws_ecs_service.this[0].name
}

output "task_definition_family" {
  description = "Task definition family, lookcard-<env>-<service>."
  value       = aws_ecs_task_definition.this.family
}

output "task_definition_arn" {
  description = "ARN of the task definition revision this plan registers."
  value       = aws_ecs_task_definition.this.arn
}

output "execution_role_arn" {
  description = "ARN of the task execution role."
  value       = module.execution_role.arn
}

output "task_role_arn" {
  description = "ARN of the task role (what the application may use)."
  value       = module.task_role.arn
}

output "execution_role_name" {
  description = "Name of the task execution role, known at plan time (key and secret policies can name it)."
  value       = module.execution_role.name
}

output "task_role_name" {
  description = "Name of the task role, known at plan time (key and secret policies can name it)."
  value       = module.task_role.name
}

output "database_user" {
  description = "PostgreSQL user the service connects as (its name with - replaced by _), set as DATABASE_USER and granted rds-db:connect; null when it has no database access."
  value       = local.database_user_arn == null ? null : local.database_user
}

output "log_group_name" {
  description = "CloudWatch log group of the app and X-Ray containers."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the log group, known at plan time (without the trailing :*)."
  value       = local.log_group_arn
}

output "schedule_name" {
  description = "EventBridge Scheduler schedule of a job (null for other kinds)."
  value       = local.job_enabled ? aws_scheduler_schedule.this[0].name : null
}

output "dead_letter_queue_arn" {
  description = "ARN of a job's dead-letter queue of failed invocations (null for other kinds)."
  value       = local.job_enabled ? aws_sqs_queue.dead_letter[0].arn : null
}

output "discovery_service_arn" {
  description = "ARN of the Cloud Map service the tasks register in (null when not registered)."
  value       = local.discovery_enabled ? aws_service_discovery_service.this[0].arn : null
}

output "discovery_name" {
  description = "Cloud Map service the tasks register in, as its ARN (the interface agreed for the root; same value as discovery_service_arn), null when not registered."
  value       = local.discovery_enabled ? aws_service_discovery_service.this[0].arn : null
}
