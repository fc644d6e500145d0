# RDS Proxy in front of the cluster: clients must use TLS and an IAM token;
# the proxy opens its pooled connections with the RDS-managed master secret,
# which only its role can read.

locals {
  master_user_secret_arn = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

resource "aws_iam_role" "proxy" {
  name        = "${var.name_prefix}-rds-proxy"
  description = "RDS Proxy of ${var.name_prefix}: reads the Aurora master user secret"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "RdsProxy"
      Effect    = "Allow"
      Principal = { Service = "rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = { Name = "${var.name_prefix}-rds-proxy" }
}

resource "aws_iam_role_policy" "proxy" {
  name = "read-master-user-secret"
  role = aws_iam_role.proxy.id

  # The secret ARN carries a random suffix, so it is known only after the
  # cluster exists; the key ARN and the condition are known at plan time.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadTheMasterUserSecretOnly"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = local.master_user_secret_arn
      },
      {
        Sid      = "DecryptItThroughSecretsManagerOnly"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = var.kms_key_arns.secrets
        Condition = {
          StringEquals = { "kms:ViaService" = "secretsmanager.${var.region}.amazonaws.com" }
        }
      },
    ]
  })
}

resource "aws_db_proxy" "this" {
  name                   = "${var.name_prefix}-rds-proxy"
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.proxy.arn
  require_tls            = true
  debug_logging          = false
  idle_client_timeout    = var.cluster.proxy.idle_client_timeout
  vpc_subnet_ids         = var.proxy_subnet_ids
  vpc_security_group_ids = [var.security_group_ids.proxy]

  auth {
    description               = "RDS-managed master user secret; clients authenticate with IAM"
    auth_scheme               = "SECRETS"
    iam_auth                  = "REQUIRED"
    client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
    secret_arn                = local.master_user_secret_arn
  }

  tags = merge(local.tags, { Name = "${var.name_prefix}-rds-proxy" })

  depends_on = [aws_iam_role_policy.proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name

  connection_pool_config {
    max_connections_percent      = var.cluster.proxy.max_connections_percent
    max_idle_connections_percent = var.cluster.proxy.max_idle_connections_percent
    connection_borrow_timeout    = var.cluster.proxy.connection_borrow_timeout
  }
}

resource "aws_db_proxy_target" "this" {
  db_proxy_name         = aws_db_proxy.this.name
  target_group_name     = aws_db_proxy_default_target_group.this.name
  db_cluster_identifier = aws_rds_cluster.this.cluster_identifier

  depends_on = [aws_rds_cluster_instance.this]
}

# Read-only endpoint: routes to the readers, so it exists only when there are some.
resource "aws_db_proxy_endpoint" "read_only" {
  count = var.cluster.reader_count > 0 ? 1 : 0

  db_proxy_name          = aws_db_proxy.this.name
  db_proxy_endpoint_name = "${var.name_prefix}-rds-proxy-ro"
  target_role            = "READ_ONLY"
  vpc_subnet_ids         = var.proxy_subnet_ids
  vpc_security_group_ids = [var.security_group_ids.proxy]

  tags = merge(local.tags, { Name = "${var.name_prefix}-rds-proxy-ro" })

  depends_on = [aws_db_proxy_target.this]
}
