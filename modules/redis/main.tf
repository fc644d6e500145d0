# ElastiCache for Redis 7 (cluster mode disabled): a primary and up to five
# replicas, one per AZ, encrypted at rest with the data key, TLS required,
# and RBAC users that authenticate with IAM (no password anywhere).

locals {
  replication_group_id = "${var.name_prefix}-redis"
  node_count           = 1 + var.redis.replicas
  port                 = 6379

  tags = {
    DataClassification = "restricted"
  }

  # ElastiCache parameter groups have no name_prefix, and the group is
  # created before the one it replaces (the replication group uses it): its
  # name carries a hash of the arguments that force a replacement (family,
  # description), so a replacement gets a new name instead of colliding
  # with the group still in use.
  parameter_group = {
    family      = "redis7"
    description = "${var.name_prefix} Redis 7 (cluster mode disabled)"
  }
  parameter_group_name = "${var.name_prefix}-redis7-${substr(sha1(jsonencode(local.parameter_group)), 0, 8)}"
}

resource "aws_elasticache_parameter_group" "this" {
  name        = local.parameter_group_name
  family      = local.parameter_group.family
  description = local.parameter_group.description

  tags = { Name = "${var.name_prefix}-redis7" }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = local.replication_group_id
  description          = "${var.name_prefix} Redis: caches and short-lived state of the services"
  engine               = "redis"
  engine_version       = var.redis.engine_version
  node_type            = var.redis.node_type
  port                 = local.port
  parameter_group_name = aws_elasticache_parameter_group.this.name

  num_cache_clusters          = local.node_count
  automatic_failover_enabled  = var.redis.replicas > 0
  multi_az_enabled            = var.redis.multi_az
  preferred_cache_cluster_azs = slice(var.availability_zones, 0, min(local.node_count, length(var.availability_zones)))

  subnet_group_name  = var.subnet_group_name
  security_group_ids = [var.security_group_id]

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  user_group_ids             = [aws_elasticache_user_group.this.user_group_id]

  snapshot_retention_limit   = var.redis.snapshot_retention_days
  snapshot_window            = var.redis.snapshot_window
  maintenance_window         = var.redis.maintenance_window
  auto_minor_version_upgrade = true

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.this["slow-log"].name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.this["engine-log"].name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "engine-log"
  }

  tags = merge(local.tags, { Name = local.replication_group_id })

  lifecycle {
    precondition {
      condition     = local.node_count <= length(var.availability_zones)
      error_message = "redis.replicas (${var.redis.replicas}) needs ${local.node_count} availability_zones, one per node, but only ${length(var.availability_zones)} were given: lower replicas or pass more AZs."
    }

    precondition {
      condition     = length(local.replication_group_id) <= 40 && !strcontains(local.replication_group_id, "--")
      error_message = "The replication group ID ${local.replication_group_id} must be at most 40 characters with no double dash: shorten name_prefix."
    }
  }
}

# Log groups exist before ElastiCache delivers to them, so their encryption
# and retention are ours, not the defaults.
resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(["slow-log", "engine-log"])

  name              = "/aws/elasticache/${var.name_prefix}/${each.key}"
  kms_key_id        = var.logs_kms_key_arn
  retention_in_days = var.log_retention_in_days

  tags = { Name = "/aws/elasticache/${var.name_prefix}/${each.key}" }
}
