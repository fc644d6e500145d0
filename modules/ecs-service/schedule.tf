# A service of kind job runs as a Fargate task started by EventBridge
# Scheduler (Asia/Singapore time). Failed invocations, after the retry policy,
# land in an encrypted dead-letter queue. The scheduler's role may run only
# this task definition family, only in this cluster, and pass only this
# service's two roles.

locals {
  schedule_name     = local.name
  schedule_group    = "default"
  schedule_timezone = "Asia/Singapore"

  scheduler_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "SchedulerOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
        ArnEquals    = { "aws:SourceArn" = "arn:${var.partition}:scheduler:${var.region}:${var.account_id}:schedule-group/${local.schedule_group}" }
      }
    }]
  })

  scheduler_policy = local.job_enabled ? jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "RunOwnTaskDefinitionInOwnCluster"
        Effect   = "Allow"
        Action   = "ecs:RunTask"
        Resource = "${local.task_definition_family_arn}:*"
        Condition = {
          ArnEquals = { "ecs:cluster" = var.cluster.arn }
        }
      },
      {
        Sid      = "TagTasksItStarts"
        Effect   = "Allow"
        Action   = "ecs:TagResource"
        Resource = "arn:${var.partition}:ecs:${var.region}:${var.account_id}:task/${var.cluster.name}/*"
        Condition = {
          StringEquals = { "ecs:CreateAction" = "RunTask" }
        }
      },
      {
        Sid      = "PassOwnTaskRolesToEcsOnly"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = [local.execution_role_arn, local.task_role_arn]
        Condition = {
          StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" }
        }
      },
      {
        Sid      = "SendToOwnDeadLetterQueue"
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = local.dead_letter_queue_arn
      },
      {
        Sid      = "EncryptDeadLettersThroughSqsOnly"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = var.scheduled_job.dead_letter_kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "sqs.${var.region}.amazonaws.com" }
        }
      },
    ]
  }) : null
}

resource "aws_sqs_queue" "dead_letter" {
  count = local.job_enabled ? 1 : 0

  name                              = local.dead_letter_queue_name
  kms_master_key_id                 = var.scheduled_job.dead_letter_kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = 1209600 # 14 days, SQS's maximum

  tags = merge(local.tags, { Name = local.dead_letter_queue_name })
}

module "scheduler_role" {
  source = "../iam-role"
  count  = local.job_enabled ? 1 : 0

  name                     = local.scheduler_role_name
  description              = "EventBridge Scheduler role of ${local.name}: run its task, pass its roles, dead-letter failures."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy       = local.scheduler_trust

  inline_policies = { scheduler = local.scheduler_policy }

  tags = merge(local.tags, { Name = local.scheduler_role_name })
}

resource "aws_scheduler_schedule" "this" {
  count = local.job_enabled ? 1 : 0

  name                         = local.schedule_name
  group_name                   = local.schedule_group
  description                  = "Runs ${local.name} (${var.service.schedule}, ${local.schedule_timezone})."
  schedule_expression          = var.service.schedule
  schedule_expression_timezone = local.schedule_timezone
  state                        = "ENABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.cluster.arn
    role_arn = module.scheduler_role[0].arn

    ecs_parameters {
      task_definition_arn     = aws_ecs_task_definition.this.arn
      task_count              = 1
      launch_type             = "FARGATE"
      platform_version        = "LATEST"
      enable_ecs_managed_tags = true
      propagate_tags          = "TASK_DEFINITION"

      network_configuration {
        subnets          = var.network.subnet_ids
        security_groups  = [var.network.security_group_id]
        assign_public_ip = false
      }
    }

    retry_policy {
      maximum_retry_attempts       = var.scheduled_job.maximum_retry_attempts
      maximum_event_age_in_seconds = var.scheduled_job.maximum_event_age_seconds
    }

    dead_letter_config {
      arn = aws_sqs_queue.dead_letter[0].arn
    }
  }

  lifecycle {
    precondition {
      condition     = length(local.schedule_name) <= 64
      error_message = "Schedule name ${local.schedule_name} is longer than EventBridge Scheduler's 64 characters: shorten name_prefix or the service name."
    }
  }

  # The role must be allowed to run the task before the first invocation.
  depends_on = [module.scheduler_role]
}
