# One target group (target type ip, for Fargate tasks) and one listener rule
# on the HTTPS listener per public ECS service.

locals {
  # Target group names: at most 32 characters, so "lookcard-" is dropped to
  # keep the environment and the service readable (<env>-<service>, cut at
  # 25 characters), followed by a 6-character hash of the full prefix, the
  # service and the port: unique per environment and service, and new
  # whenever the port changes (a port change replaces the target group, and
  # create_before_destroy needs a different name). The Name tag keeps the
  # full <name_prefix>-<service>.
  target_group_names = { for n, s in var.services : n =>
    "${replace(substr("${trimprefix(var.name_prefix, "lookcard-")}-${n}", 0, 25), "/-+$/", "")}-${substr(sha1("${var.name_prefix}/${n}/${s.port}"), 0, 6)}"
  }

  # Rule priorities derive from a hash of the service name alone, so adding
  # or removing a service never renumbers the others (renumbering would update
  # rules in place, and two rules cannot hold one priority at any moment).
  # Host rules (2-25000) are evaluated before path rules (25001-49999):
  # <host>.<domain>/v1/x belongs to the host's service. Paths never overlap
  # (nested paths are refused), so the order among path rules is irrelevant.
  # Priority 1 is the NLB health-check rule.
  hash_slots = { for n, s in var.services : n => parseint(substr(sha256(n), 0, 7), 16) % 24999 }
  rule_priorities = { for n, s in var.services : n => (
    s.priority != null ? s.priority : s.route.host != null ? 2 + local.hash_slots[n] : 25001 + local.hash_slots[n]
  ) }

  rule_conditions = { for n, s in var.services : n => {
    path_patterns = s.route.path == null ? [] : [s.route.path, "${s.route.path}/*"]
    host_headers  = s.route.host == null ? [] : ["${s.route.host}.${var.domain_name}"]
  } }

  services_by_priority = { for n, p in local.rule_priorities : tostring(p) => n... }
  duplicate_priorities = [for p, ns in local.services_by_priority : "${join(" and ", ns)} (${p})" if length(ns) > 1]
}

resource "aws_lb_target_group" "service" {
  for_each = var.services

  name                 = local.target_group_names[each.key]
  target_type          = "ip"
  protocol             = "HTTP"
  port                 = each.value.port
  vpc_id               = var.vpc_id
  deregistration_delay = "30"

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = each.value.health_check
    matcher             = "200-399"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = { Name = "${var.name_prefix}-${each.key}", Service = each.key }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener_rule" "service" {
  for_each = var.services

  listener_arn = aws_lb_listener.https.arn
  priority     = local.rule_priorities[each.key]

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service[each.key].arn
  }

  dynamic "condition" {
    for_each = length(local.rule_conditions[each.key].path_patterns) > 0 ? [local.rule_conditions[each.key].path_patterns] : []
    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = length(local.rule_conditions[each.key].host_headers) > 0 ? [local.rule_conditions[each.key].host_headers] : []
    content {
      host_header {
        values = condition.value
      }
    }
  }

  tags = { Name = "${var.name_prefix}-${each.key}", Service = each.key }

  lifecycle {
    precondition {
      condition     = length(local.duplicate_priorities) == 0
      error_message = "Listener rule priorities collide: ${join(", ", local.duplicate_priorities)}. Set services[<name>].priority on one of them (2-50000, unused)."
    }
  }
}
