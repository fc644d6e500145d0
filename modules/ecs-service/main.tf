# One catalog service on ECS Fargate: its log group, task definition, IAM
# roles, and either a long-running service with autoscaling (task.tf,
# service.tf, autoscaling.tf) or, for kind job, an EventBridge Scheduler
# schedule with a dead-letter queue (schedule.tf). Every ARN a policy names is
# built from known parts, so the policies reach the plan as plain JSON.

locals {
  name    = "${var.name_prefix}-${var.service.name}"
  is_job  = var.service.kind == "job"
  listens = var.service.port != null
  http    = contains(["api", "web"], var.service.kind)

  app_container_name  = var.service.name
  xray_container_name = "xray-daemon"

  # The job's resources exist only when the job is fully configured; the
  # precondition on the task definition reports a job without scheduled_job.
  job_enabled = local.is_job && var.scheduled_job != null

  log_group_name = "/ecs/${var.name_prefix}/${var.service.name}"
  log_group_arn  = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${local.log_group_name}"

  execution_role_name = "${local.name}-execution"
  task_role_name      = "${local.name}-task"
  scheduler_role_name = "${local.name}-scheduler"
  execution_role_arn  = "arn:${var.partition}:iam::${var.account_id}:role/${local.execution_role_name}"
  task_role_arn       = "arn:${var.partition}:iam::${var.account_id}:role/${local.task_role_name}"

  task_definition_family     = local.name
  task_definition_family_arn = "arn:${var.partition}:ecs:${var.region}:${var.account_id}:task-definition/${local.task_definition_family}"

  dead_letter_queue_name = "${local.name}-dlq"
  dead_letter_queue_arn  = "arn:${var.partition}:sqs:${var.region}:${var.account_id}:${local.dead_letter_queue_name}"

  # <account>.dkr.ecr.<region>.amazonaws.com/<repository>: the execution role
  # may pull from this one repository (in the registry's account and region).
  ecr_parts          = regex("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/(.+)$", var.image.repository_url)
  ecr_repository_arn = "arn:${var.partition}:ecr:${local.ecr_parts[1]}:${local.ecr_parts[0]}:repository/${local.ecr_parts[2]}"

  # reap-api-key -> REAP_API_KEY
  secret_env_names = { for k, s in var.secrets : k => upper(replace(k, "-", "_")) }

  tags = {
    Name    = local.name
    Service = var.service.name
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = local.tags
}
