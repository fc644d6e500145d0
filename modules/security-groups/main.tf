# One security group per component, with every rule derived from what talks
# to what: the catalog's exposure, callers and dependencies. No group admits
# the internet: the internal ALB admits HTTPS from the NLB's group only, and
# the NLB admits nothing from the VPC (API Gateway's VPC link reaches it over
# PrivateLink, which its inbound rules do not apply to).

locals {
  components = {
    alb        = "Internal application load balancer: HTTPS from the NLB only"
    nlb        = "Internal network load balancer behind the API Gateway VPC link: no inbound rules, HTTPS to the ALB"
    rds-proxy  = "RDS Proxy: PostgreSQL from services that declare a database dependency"
    aurora     = "Aurora PostgreSQL: only from RDS Proxy, the bastion and migration tasks"
    redis      = "ElastiCache Redis: only from services that declare Redis"
    migrations = "Database migration tasks"
    app-runner = "App Runner VPC connector of the web app: outbound HTTPS only"
  }

  public_services = { for n, s in var.services : n => s if s.exposure == "public" && s.port != null }

  # Service ingress: from the ALB when public, from each declared caller.
  service_ingress = merge(
    { for n, s in local.public_services : "${n}/from-alb" => { service = n, port = s.port, from = aws_security_group.component["alb"].id, what = "alb" } },
    merge([for n, s in var.services : { for c in s.callers : "${n}/from-${c}" => {
      service = n, port = s.port, from = aws_security_group.service[c].id, what = c
    } if contains(keys(var.services), c) }]...),
  )

  # Egress mirrors ingress, so a caller can reach exactly its callees.
  service_egress = merge(
    merge([for n, s in var.services : { for c in s.callers : "${c}/to-${n}" => {
      service = c, port = s.port, to = aws_security_group.service[n].id, what = n
    } if contains(keys(var.services), c) }]...),
    { for n, s in var.services : "${n}/to-rds-proxy" => { service = n, port = var.database_port, to = aws_security_group.component["rds-proxy"].id, what = "rds-proxy" } if s.database },
    { for n, s in var.services : "${n}/to-redis" => { service = n, port = var.redis_port, to = aws_security_group.component["redis"].id, what = "redis" } if s.redis },
  )

  aurora_sources = merge(
    { rds-proxy = aws_security_group.component["rds-proxy"].id, migrations = aws_security_group.component["migrations"].id },
    var.bastion.enabled ? { bastion = var.bastion.security_group_id } : {},
  )
}

# Groups are replaced create-before-destroy (network interfaces still use
# the old one), so they take a name_prefix: two groups of a VPC cannot share
# a name, and a fixed name fails every replacement. The Name tag keeps the
# readable name.
resource "aws_security_group" "component" {
  for_each = local.components

  name_prefix = "${var.name_prefix}-${each.key}-"
  description = each.value
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name_prefix}-${each.key}" }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "service" {
  for_each = var.services

  name_prefix = "${var.name_prefix}-${each.key}-"
  description = "ECS service ${each.key}"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name_prefix}-${each.key}", Service = each.key }

  lifecycle {
    create_before_destroy = true
  }
}

# ── NLB → internal ALB ────────────────────────────────────────────────────
# The NLB forwards the VPC link's TLS stream and its own health checks to the
# ALB's 443; the ALB admits nothing else.
resource "aws_vpc_security_group_ingress_rule" "alb_from_nlb" {
  security_group_id            = aws_security_group.component["alb"].id
  description                  = "HTTPS from the NLB (API Gateway VPC link and health checks)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.component["nlb"].id
}

resource "aws_vpc_security_group_egress_rule" "nlb_to_alb" {
  security_group_id            = aws_security_group.component["nlb"].id
  description                  = "HTTPS to the ALB"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.component["alb"].id
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  for_each = local.public_services

  security_group_id            = aws_security_group.component["alb"].id
  description                  = "To ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = aws_security_group.service[each.key].id
}

# ── Services ──────────────────────────────────────────────────────────────
resource "aws_vpc_security_group_ingress_rule" "service" {
  for_each = local.service_ingress

  security_group_id            = aws_security_group.service[each.value.service].id
  description                  = "From ${each.value.what}"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = each.value.from
}

resource "aws_vpc_security_group_egress_rule" "service" {
  for_each = local.service_egress

  security_group_id            = aws_security_group.service[each.value.service].id
  description                  = "To ${each.value.what}"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = each.value.to
}

# AWS APIs (through the VPC endpoints) and third-party APIs (through NAT)
# speak HTTPS; this is egress only.
resource "aws_vpc_security_group_egress_rule" "service_https" {
  for_each = merge(var.services, { migrations = null, app-runner = null })

  security_group_id = contains(["migrations", "app-runner"], each.key) ? aws_security_group.component[each.key].id : aws_security_group.service[each.key].id
  description       = "HTTPS to AWS APIs and third parties"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# ── Data tier ─────────────────────────────────────────────────────────────
resource "aws_vpc_security_group_ingress_rule" "rds_proxy" {
  for_each = { for n, s in var.services : n => s if s.database }

  security_group_id            = aws_security_group.component["rds-proxy"].id
  description                  = "PostgreSQL from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.service[each.key].id
}

resource "aws_vpc_security_group_egress_rule" "rds_proxy_to_aurora" {
  security_group_id            = aws_security_group.component["rds-proxy"].id
  description                  = "PostgreSQL to Aurora"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.component["aurora"].id
}

resource "aws_vpc_security_group_egress_rule" "migrations_to_aurora" {
  security_group_id            = aws_security_group.component["migrations"].id
  description                  = "PostgreSQL to Aurora"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.component["aurora"].id
}

resource "aws_vpc_security_group_ingress_rule" "aurora" {
  for_each = local.aurora_sources

  security_group_id            = aws_security_group.component["aurora"].id
  description                  = "PostgreSQL from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = each.value

  lifecycle {
    precondition {
      condition     = each.value != null
      error_message = "bastion.enabled is true but bastion.security_group_id is null: pass the bastion module's security_group_id."
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  for_each = { for n, s in var.services : n => s if s.redis }

  security_group_id            = aws_security_group.component["redis"].id
  description                  = "Redis from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.redis_port
  to_port                      = var.redis_port
  referenced_security_group_id = aws_security_group.service[each.key].id
}
