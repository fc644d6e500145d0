# Fixture: the locals of module "app", which the plan JSON does not carry.
locals {
  task_family = aws_ecs_task_definition.this.family
  unused      = "${var.name}-${path.module}"
}
