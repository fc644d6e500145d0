# The six ECS clusters. Every cluster runs on Fargate (FARGATE and
# FARGATE_SPOT), reports to Container Insights as asked, and audits ECS Exec
# sessions into one KMS-encrypted log group.

locals {
  cluster_names = { for c in var.clusters : c => "${var.name_prefix}-${c}" }

  # FARGATE carries the base; FARGATE_SPOT is left out when its weight is 0.
  default_strategy = concat(
    [{ capacity_provider = "FARGATE", base = var.capacity_strategy.fargate_base, weight = var.capacity_strategy.fargate_weight }],
    var.capacity_strategy.spot_weight > 0 ? [{ capacity_provider = "FARGATE_SPOT", base = 0, weight = var.capacity_strategy.spot_weight }] : [],
  )
}

# ECS Exec audit log: every command run through `aws ecs execute-command` and
# its output, encrypted with the given key.
resource "aws_cloudwatch_log_group" "exec" {
  name              = "/ecs/${var.name_prefix}/exec"
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = { Name = "/ecs/${var.name_prefix}/exec" }
}

# Container Insights writes its performance events to a log group ECS would
# otherwise create itself, unencrypted and never expiring: create it first,
# with the logs key and the environment's retention.
resource "aws_cloudwatch_log_group" "container_insights" {
  for_each = var.container_insights == "disabled" ? {} : local.cluster_names

  name              = "/aws/ecs/containerinsights/${each.value}/performance"
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = { Name = "/aws/ecs/containerinsights/${each.value}/performance" }
}

resource "aws_ecs_cluster" "this" {
  for_each = local.cluster_names

  name = each.value

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }

  configuration {
    execute_command_configuration {
      kms_key_id = var.logs.kms_key_arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }

  tags = { Name = each.value }

  # Ours, not ECS's: the log group exists before the cluster reports into it.
  depends_on = [aws_cloudwatch_log_group.container_insights]
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  for_each = local.cluster_names

  cluster_name       = aws_ecs_cluster.this[each.key].name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  dynamic "default_capacity_provider_strategy" {
    for_each = local.default_strategy

    content {
      capacity_provider = default_capacity_provider_strategy.value.capacity_provider
      base              = default_capacity_provider_strategy.value.base
      weight            = default_capacity_provider_strategy.value.weight
    }
  }
}
