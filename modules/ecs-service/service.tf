# The long-running ECS service (every kind but job), in private subnets with
# no public IP, rolled back automatically when a deployment fails. The
# launch type is left to the cluster's default capacity provider strategy.

locals {
  discovery_enabled = !local.is_job && local.listens && var.service_discovery != null
}

resource "aws_service_discovery_service" "this" {
  count = local.discovery_enabled ? 1 : 0

  name        = var.service.name
  description = "${local.name} tasks (A records of their private IPs)."

  dns_config {
    namespace_id   = var.service_discovery.namespace_id
    routing_policy = "MULTIVALUE"

    dns_records {
      type = "A"
      ttl  = 10
    }
  }

  # ECS reports task health to Cloud Map.
  health_check_custom_config {}

  tags = local.tags
}

resource "aws_ecs_service" "this" {
  count = local.is_job ? 0 : 1

  name            = local.name
  cluster         = var.cluster.arn
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = var.service.capacity.desired

  deployment_minimum_healthy_percent = var.deployment.minimum_healthy_percent
  deployment_maximum_percent         = var.deployment.maximum_percent
  health_check_grace_period_seconds  = var.load_balancer == null ? null : var.health_check_grace_period_seconds

  enable_execute_command  = var.enable_execute_command
  enable_ecs_managed_tags = true
  propagate_tags          = "SERVICE"

  deployment_controller {
    type = "ECS"
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.network.subnet_ids
    security_groups  = [var.network.security_group_id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [var.load_balancer]
    content {
      target_group_arn = load_balancer.value.target_group_arn
      container_name   = local.app_container_name
      container_port   = var.service.port
    }
  }

  dynamic "service_registries" {
    for_each = aws_service_discovery_service.this
    content {
      registry_arn = service_registries.value.arn
    }
  }

  tags = local.tags

  lifecycle {
    # Application Auto Scaling owns the running count. The capacity provider
    # strategy is inherited from the cluster's default, which the provider
    # would otherwise report as drift.
    ignore_changes = [desired_count, capacity_provider_strategy]

    # ECS refuses a target group that no listener forwards to. Referencing the
    # listener rule here (it comes with the target group in load_balancer)
    # also orders the service after the rule.
    precondition {
      condition     = var.load_balancer == null || try(startswith(var.load_balancer.listener_rule_arn, "arn:"), false)
      error_message = "load_balancer.listener_rule_arn must name the listener rule that forwards to ${try(var.load_balancer.target_group_arn, "the target group")}: the service must wait for it."
    }
  }

  depends_on = [
    module.execution_role,
    module.task_role,
  ]
}
