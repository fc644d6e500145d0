# Application Auto Scaling of the service between capacity.min and
# capacity.max: target tracking on CPU, memory and (behind an ALB) requests
# per target, plus optional office-hours scheduling.

locals {
  autoscaling_resource_id = "service/${var.cluster.name}/${local.name}"

  target_tracking = local.is_job ? {} : merge(
    {
      cpu    = { metric = "ECSServiceAverageCPUUtilization", target = var.autoscaling.cpu_target, label = null }
      memory = { metric = "ECSServiceAverageMemoryUtilization", target = var.autoscaling.memory_target, label = null }
    },
    # Decided by whether a load balancer is attached (known at plan), not by
    # the label itself, which is known only after the ALB exists.
    var.load_balancer == null ? {} : {
      requests = { metric = "ALBRequestCountPerTarget", target = var.autoscaling.requests_per_target, label = var.load_balancer.alb_resource_label }
    },
  )

  scheduled_scaling = local.is_job || var.autoscaling.scheduled_scaling == null ? {} : {
    scale-down = { schedule = var.autoscaling.scheduled_scaling.scale_down, min = 0, max = 0 }
    scale-up   = { schedule = var.autoscaling.scheduled_scaling.scale_up, min = var.service.capacity.min, max = var.service.capacity.max }
  }
}

resource "aws_appautoscaling_target" "this" {
  count = local.is_job ? 0 : 1

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = local.autoscaling_resource_id
  min_capacity       = var.service.capacity.min
  max_capacity       = var.service.capacity.max

  tags = local.tags

  depends_on = [aws_ecs_service.this]
}

resource "aws_appautoscaling_policy" "this" {
  for_each = local.target_tracking

  name               = "${local.name}-${each.key}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = each.value.metric
      resource_label         = each.value.label
    }
  }

  lifecycle {
    # ALBRequestCountPerTarget needs the target group attached to the ALB
    # through a listener: referencing the listener rule orders the policy
    # after it (as the service is).
    precondition {
      condition     = each.value.metric != "ALBRequestCountPerTarget" || try(startswith(var.load_balancer.listener_rule_arn, "arn:"), false)
      error_message = "The requests-per-target policy of ${local.name} needs load_balancer.listener_rule_arn: its target group must be attached to the ALB first."
    }
  }
}

resource "aws_appautoscaling_scheduled_action" "scale_down" {
  count = contains(keys(local.scheduled_scaling), "scale-down") ? 1 : 0

  name               = "${local.name}-scale-down"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id
  schedule           = local.scheduled_scaling["scale-down"].schedule
  timezone           = var.autoscaling.scheduled_scaling.timezone

  scalable_target_action {
    min_capacity = tostring(local.scheduled_scaling["scale-down"].min)
    max_capacity = tostring(local.scheduled_scaling["scale-down"].max)
  }
}

resource "aws_appautoscaling_scheduled_action" "scale_up" {
  count = contains(keys(local.scheduled_scaling), "scale-up") ? 1 : 0

  name               = "${local.name}-scale-up"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id
  schedule           = local.scheduled_scaling["scale-up"].schedule
  timezone           = var.autoscaling.scheduled_scaling.timezone

  scalable_target_action {
    min_capacity = tostring(local.scheduled_scaling["scale-up"].min)
    max_capacity = tostring(local.scheduled_scaling["scale-up"].max)
  }

  # Scheduled actions on one scalable target must not be written concurrently.
  depends_on = [aws_appautoscaling_scheduled_action.scale_down]
}
