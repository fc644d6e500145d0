variable "name" {
  type        = string
  description = "Name prefix."
}

variable "listener_arn" {
  type        = string
  description = "HTTPS listener."
}

resource "aws_lb_target_group" "this" {
  name_prefix = "svc-"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
}

resource "aws_lb_listener_rule" "this" {
  listener_arn = var.listener_arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }

  condition {
    path_pattern {
      values = ["/svc/*"]
    }
  }
}

output "target_group_arn" {
  description = "Target group."
  value       = aws_lb_target_group.this.arn
}

output "listener_rule_arn" {
  description = "Rule that forwards to it."
  value       = aws_lb_listener_rule.this.arn
}
