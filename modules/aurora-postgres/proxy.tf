# RDS Proxy in front of the cluster with end-to-end IAM authentication: a
# client presents an IAM token for its own database user, and the proxy opens
# its pooled connections to the cluster as that same user with an IAM token of
# its own role. No database password is involved, so the proxy needs neither
# the master secret nor the secrets key, and every service's session runs as
# its own least-privileged PostgreSQL user, never as the master user.
# cluster.proxy.enabled = false (develop-size environments) leaves the proxy
# out: services then connect to the writer directly with the same IAM users
# (outputs client_*), and the cluster carries the proxy's security group so
# the services' existing rules reach it.

locals {
  # arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>; the
  # resource ID exists only after apply, so the proxy policy is known then.
  cluster_db_user_arn_prefix = "arn:${var.partition}:rds-db:${var.region}:${var.account_id}:dbuser:${aws_rds_cluster.this.cluster_resource_id}"
}

module "proxy_role" {
  source = "../iam-role"
  count  = var.cluster.proxy.enabled ? 1 : 0

  name                     = "${var.name_prefix}-rds-proxy"
  description              = "RDS Proxy of ${var.name_prefix}: connects to Aurora as the services' IAM database users"
  permissions_boundary_arn = var.permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "RdsProxy"
      Effect    = "Allow"
      Principal = { Service = "rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  # The proxy connects as whichever user the client authenticated as, so it
  # may connect as any database user of this cluster (and no other cluster);
  # which service may be which user is decided by each service's own
  # rds-db:connect on the proxy. The master user is excluded explicitly: it
  # is for administrators and migrations, directly against the cluster.
  inline_policies = {
    connect-as-database-users = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid      = "ConnectAsThisClustersDatabaseUsers"
          Effect   = "Allow"
          Action   = "rds-db:connect"
          Resource = "${local.cluster_db_user_arn_prefix}/*"
        },
        {
          Sid      = "NeverAsTheMasterUser"
          Effect   = "Deny"
          Action   = "rds-db:connect"
          Resource = "${local.cluster_db_user_arn_prefix}/${local.master_username}"
        },
      ]
    })
  }

  tags = { Name = "${var.name_prefix}-rds-proxy" }
}

# RDS Proxy writes its log to /aws/rds/proxy/<proxy name> (debug logging
# only adds detail): created here first, like the cluster's export group, so
# that it has the logs key and the environment's retention.
resource "aws_cloudwatch_log_group" "proxy" {
  count = var.cluster.proxy.enabled ? 1 : 0

  name              = "/aws/rds/proxy/${var.name_prefix}-rds-proxy"
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = merge(local.tags, { Name = "/aws/rds/proxy/${var.name_prefix}-rds-proxy" })
}

resource "aws_db_proxy" "this" {
  count = var.cluster.proxy.enabled ? 1 : 0

  name                   = "${var.name_prefix}-rds-proxy"
  engine_family          = "POSTGRESQL"
  role_arn               = module.proxy_role[0].arn
  default_auth_scheme    = "IAM_AUTH"
  require_tls            = true
  debug_logging          = false
  idle_client_timeout    = var.cluster.proxy.idle_client_timeout
  vpc_subnet_ids         = var.proxy_subnet_ids
  vpc_security_group_ids = [var.security_group_ids.proxy]

  tags = merge(local.tags, { Name = "${var.name_prefix}-rds-proxy" })

  # module.proxy_role[0].arn waits for the role's policy.
  depends_on = [aws_cloudwatch_log_group.proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  count = var.cluster.proxy.enabled ? 1 : 0

  db_proxy_name = aws_db_proxy.this[0].name

  connection_pool_config {
    max_connections_percent      = var.cluster.proxy.max_connections_percent
    max_idle_connections_percent = var.cluster.proxy.max_idle_connections_percent
    connection_borrow_timeout    = var.cluster.proxy.connection_borrow_timeout
  }
}

resource "aws_db_proxy_target" "this" {
  count = var.cluster.proxy.enabled ? 1 : 0

  db_proxy_name         = aws_db_proxy.this[0].name
  target_group_name     = aws_db_proxy_default_target_group.this[0].name
  db_cluster_identifier = aws_rds_cluster.this.cluster_identifier

  depends_on = [aws_rds_cluster_instance.this]
}

# Read-only endpoint: routes to the readers, so it exists only when there are some.
resource "aws_db_proxy_endpoint" "read_only" {
  count = var.cluster.proxy.enabled && var.cluster.reader_count > 0 ? 1 : 0

  db_proxy_name          = aws_db_proxy.this[0].name
  db_proxy_endpoint_name = "${var.name_prefix}-rds-proxy-ro"
  target_role            = "READ_ONLY"
  vpc_subnet_ids         = var.proxy_subnet_ids
  vpc_security_group_ids = [var.security_group_ids.proxy]

  tags = merge(local.tags, { Name = "${var.name_prefix}-rds-proxy-ro" })

  depends_on = [aws_db_proxy_target.this]
}
