# One catalog service on ECS Fargate: its log group, task definition, IAM
# roles, and either a long-running service with autoscaling (task.tf,
# service.tf, autoscaling.tf) or, for kind job, an EventBridge Scheduler
# schedule with a dead-letter queue (schedule.tf). Every ARN a policy names is
# built from known parts, so the policies reach the plan as plain JSON.

locals {
  name    = "${var.name_prefix}-${var.service.name}"
  is_job  = var.service.kind == "job"
  listens = var.service.port != null

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

  # The service's PostgreSQL user: its name with - replaced by _ (card-api ->
  # card_api), the one form used for DATABASE_USER and for rds-db:connect.
  database_user     = replace(var.service.name, "-", "_")
  database_user_arn = var.permissions.rds_db_connect_arn_prefix == null ? null : "${var.permissions.rds_db_connect_arn_prefix}/${local.database_user}"

  # ECS Exec: the cluster's session key and log group (modules/ecs-clusters).
  exec_logging       = var.enable_execute_command && var.execute_command_configuration != null
  exec_log_group_arn = local.exec_logging ? "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${var.execute_command_configuration.log_group_name}" : null

  # GuardDuty Runtime Monitoring injects its agent into every Fargate task and
  # pulls it with the execution role from an AWS-owned repository per region
  # (GuardDuty User Guide, "ECR repository for GuardDuty agent on AWS Fargate
  # (Amazon ECS only)").
  guardduty_agent_accounts = {
    "ap-southeast-1" = "174946120834"
    "ap-southeast-2" = "005257825471"
    "eu-central-1"   = "323658145986"
    "eu-west-1"      = "694911143906"
    "us-east-1"      = "593207742271"
    "us-east-2"      = "307168627858"
    "us-west-2"      = "733349766148"
  }
  guardduty_agent_repository_arn = var.guardduty_agent_repository_arn != null ? var.guardduty_agent_repository_arn : (
    contains(keys(local.guardduty_agent_accounts), var.region) ? "arn:${var.partition}:ecr:${var.region}:${lookup(local.guardduty_agent_accounts, var.region, "")}:repository/aws-guardduty-agent-fargate" : null
  )

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
