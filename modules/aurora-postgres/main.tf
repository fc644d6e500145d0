# Aurora PostgreSQL Serverless v2: one writer and up to two readers, each in
# its own AZ, encrypted with the data key, TLS-only, IAM database
# authentication, and a master password that only RDS and Secrets Manager
# ever see. Services reach it through RDS Proxy (proxy.tf), each as its own
# IAM-authenticated database user.

locals {
  engine_major     = split(".", var.cluster.engine_version)[0]
  parameter_family = "aurora-postgresql${local.engine_major}"
  port             = 5432

  # Writer in the first AZ, reader i in AZ i+1. try() keeps an out-of-range
  # request from failing here: the cluster's precondition reports it instead.
  instances = merge(
    { writer = { availability_zone = var.availability_zones[0], promotion_tier = 0 } },
    { for i in range(var.cluster.reader_count) : "reader-${i + 1}" => {
      availability_zone = try(var.availability_zones[i + 1], null)
      # Serverless v2 readers in tier 0-1 scale with the writer, so a
      # failover lands on an instance already sized for the load; tier 2+
      # readers scale with their own read load (cluster.reader_promotion_tiers).
      promotion_tier = try(var.cluster.reader_promotion_tiers[i], 1)
    } },
  )

  # For administrators and migrations only, directly against the cluster; the
  # proxy role is denied rds-db:connect as this user (proxy.tf).
  master_username = "lookcard_admin"

  cluster_identifier = "${var.name_prefix}-aurora"
  cluster_arn        = "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster:${local.cluster_identifier}"

  # RDS exports the postgresql log to this group; it is created here first,
  # with the logs key and the environment's retention.
  log_group_name = "/aws/rds/cluster/${local.cluster_identifier}/postgresql"

  tags = {
    DataClassification = "restricted"
  }
}

resource "aws_rds_cluster_parameter_group" "this" {
  # A prefix, not a fixed name: a replacement (a major upgrade's new family,
  # a new description) is created before the group the cluster still uses
  # is deleted, and two groups cannot share a name.
  name_prefix = "${var.name_prefix}-aurora-pg${local.engine_major}-"
  family      = local.parameter_family
  description = "${var.name_prefix} Aurora PostgreSQL ${local.engine_major}: TLS only, connection and audit logging"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.cluster.log_min_duration_ms)
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }

  parameter {
    name         = "shared_preload_libraries"
    value        = "pg_stat_statements,pgaudit"
    apply_method = "pending-reboot"
  }

  # Schema changes, role and privilege changes and data writes are audited.
  # pgaudit.log_parameter stays off, so bound values (card data) are not logged.
  parameter {
    name  = "pgaudit.log"
    value = "ddl,role,write"
  }

  tags = merge(local.tags, { Name = "${var.name_prefix}-aurora-pg${local.engine_major}" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "postgresql" {
  name              = local.log_group_name
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = merge(local.tags, { Name = local.log_group_name })
}

# The final snapshot's identifier must be new at every destroy: a fixed one
# exists after the first destroy (snapshots outlive the cluster), and the
# next destroy of a re-created environment fails on it. The suffix is the
# time this resource was created, chosen once (ignore_changes) so that plans
# stay without changes (a timestamp in the identifier itself would change
# every plan); it is destroyed and chosen again with the environment.
# Trade-off: a replacement of the cluster alone keeps the suffix, so a second
# replacement of the same environment's cluster needs the first one's
# snapshot renamed or deleted. Not created when the environment skips the
# final snapshot.
resource "terraform_data" "final_snapshot_suffix" {
  count = var.cluster.skip_final_snapshot ? 0 : 1

  input = formatdate("YYYYMMDDhhmmss", timestamp())

  lifecycle {
    ignore_changes = [input]
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = local.cluster_identifier
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  # The major version while AWS upgrades minors (the provider keeps "16"
  # while the cluster runs any 16.x), or a minor pinned with automatic
  # upgrades off: Terraform never asks to undo an upgrade.
  engine_version = var.cluster.engine_version
  database_name  = var.cluster.database_name
  port           = local.port

  # RDS generates the password, keeps it in Secrets Manager under the secrets
  # key and rotates it: no password argument, nothing secret in state.
  master_username               = local.master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arns.secrets

  iam_database_authentication_enabled = true
  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_arns.data

  db_subnet_group_name = var.db_subnet_group_name
  # Without RDS Proxy the services connect here: the cluster also carries
  # the proxy's group, whose rules already admit exactly those services.
  vpc_security_group_ids          = var.cluster.proxy.enabled ? [var.security_group_ids.cluster] : [var.security_group_ids.cluster, var.security_group_ids.proxy]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  backup_retention_period      = var.cluster.backup_retention_days
  preferred_backup_window      = var.cluster.preferred_backup_window
  preferred_maintenance_window = var.cluster.preferred_maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.cluster.deletion_protection
  skip_final_snapshot          = var.cluster.skip_final_snapshot
  final_snapshot_identifier    = var.cluster.skip_final_snapshot ? null : "${local.cluster_identifier}-final-${terraform_data.final_snapshot_suffix[0].output}"
  allow_major_version_upgrade  = false

  enabled_cloudwatch_logs_exports = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity = var.cluster.min_capacity
    max_capacity = var.cluster.max_capacity
    # Only with min_capacity 0: the writer pauses after this many idle seconds.
    seconds_until_auto_pause = var.cluster.min_capacity == 0 ? var.cluster.seconds_until_auto_pause : null
  }

  tags = merge(local.tags, { Name = local.cluster_identifier })

  # RDS starts exporting to the log group as soon as the cluster exists.
  depends_on = [aws_cloudwatch_log_group.postgresql]

  lifecycle {
    precondition {
      condition     = var.cluster.reader_count < length(var.availability_zones)
      error_message = "cluster.reader_count (${var.cluster.reader_count}) needs ${var.cluster.reader_count + 1} availability_zones, one per instance, but only ${length(var.availability_zones)} were given: lower reader_count or pass more AZs."
    }
  }
}

resource "aws_rds_cluster_instance" "this" {
  for_each = local.instances

  identifier         = "${var.name_prefix}-aurora-${each.key}"
  cluster_identifier = aws_rds_cluster.this.id
  engine             = aws_rds_cluster.this.engine
  engine_version     = aws_rds_cluster.this.engine_version
  instance_class     = "db.serverless"

  availability_zone    = each.value.availability_zone
  db_subnet_group_name = var.db_subnet_group_name
  publicly_accessible  = false
  promotion_tier       = each.value.promotion_tier

  auto_minor_version_upgrade   = var.cluster.auto_minor_version_upgrade
  copy_tags_to_snapshot        = true
  preferred_maintenance_window = var.cluster.preferred_maintenance_window

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arns.data
  performance_insights_retention_period = var.cluster.performance_insights_retention_days

  monitoring_interval = var.cluster.monitoring_interval
  # The module's arn waits for the role's policy attachment.
  monitoring_role_arn = var.cluster.monitoring_interval > 0 ? module.monitoring_role[0].arn : null

  tags = merge(local.tags, { Name = "${var.name_prefix}-aurora-${each.key}" })
}
