variable "name" {
  type        = string
  description = "Service name."
}

variable "load_balancer" {
  type = object({
    target_group_arn  = string
    listener_rule_arn = optional(string)
  })
  description = "Target group, and the rule that forwards to it."
  default     = null
}

variable "parameter_group_name" {
  type        = string
  description = "Parameter group name, with a hash of its content."
}

locals {
  metrics = { requests = "ALBRequestCountPerTarget" }
}

resource "aws_ecs_service" "this" {
  name = var.name

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [var.load_balancer]
    content {
      target_group_arn = load_balancer.value.target_group_arn
      container_name   = "app"
      container_port   = 8080
    }
  }

  lifecycle {
    precondition {
      condition     = var.load_balancer == null || try(startswith(var.load_balancer.listener_rule_arn, "arn:"), false)
      error_message = "The service waits for the listener rule."
    }
  }
}

resource "aws_appautoscaling_policy" "this" {
  for_each    = local.metrics
  name        = "${var.name}-${each.key}"
  resource_id = "service/c/${aws_ecs_service.this.name}"

  target_tracking_scaling_policy_configuration {
    target_value = 100
    predefined_metric_specification {
      predefined_metric_type = each.value
    }
  }
}

resource "aws_db_parameter_group" "this" {
  name   = var.parameter_group_name
  family = "postgres16"

  lifecycle {
    create_before_destroy = true
  }
}
