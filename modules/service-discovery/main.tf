# The Cloud Map private DNS namespace that internal services register in
# (modules/ecs-service creates one Cloud Map service per listening ECS
# service in it). Cloud Map creates and owns the private hosted zone.

resource "aws_service_discovery_private_dns_namespace" "this" {
  name        = var.namespace_name
  description = "Internal service discovery for ${var.name_prefix}: <service>.${var.namespace_name}"
  vpc         = var.vpc_id

  tags = { Name = "${var.name_prefix}-services" }
}
