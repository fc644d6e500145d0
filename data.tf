# Data tier: Aurora PostgreSQL behind RDS Proxy, Redis, and the DynamoDB tables
# the catalog's services declare.

module "aurora" {
  source = "./modules/aurora-postgres"

  name_prefix              = local.name_prefix
  permissions_boundary_arn = local.permissions_boundary_arn
  account_id               = local.account_id
  region                   = var.aws_region
  db_subnet_group_name     = module.network.db_subnet_group_name
  proxy_subnet_ids         = module.network.subnet_ids.private
  availability_zones       = var.network.availability_zones
  security_group_ids = {
    cluster = module.security_groups.aurora_security_group_id
    proxy   = module.security_groups.rds_proxy_security_group_id
  }
  kms_key_arns = {
    data    = module.kms.key_arns["data"]
    secrets = module.kms.key_arns["secrets"]
  }
  cluster = var.aurora
  logs = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
}

module "redis" {
  source = "./modules/redis"

  name_prefix           = local.name_prefix
  account_id            = local.account_id
  region                = var.aws_region
  subnet_group_name     = module.network.elasticache_subnet_group_name
  security_group_id     = module.security_groups.redis_security_group_id
  kms_key_arn           = module.kms.key_arns["data"]
  logs_kms_key_arn      = module.kms.key_arns["logs"]
  log_retention_in_days = var.logs.retention_in_days
  availability_zones    = var.network.availability_zones
  redis                 = var.redis
}

module "dynamodb" {
  source = "./modules/dynamodb"

  name_prefix         = local.name_prefix
  account_id          = local.account_id
  region              = var.aws_region
  kms_key_arn         = module.kms.key_arns["data"]
  deletion_protection = var.dynamodb.deletion_protection
  services            = keys(module.catalog.services)
  tables              = module.catalog.tables
}
