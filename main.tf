# The root composes modules; every resource lives in a module under modules/.

module "kms" {
  source = "./modules/kms"

  name_prefix             = local.name_prefix
  account_id              = local.account_id
  region                  = var.aws_region
  partition               = local.partition
  deletion_window_in_days = var.kms.deletion_window_in_days
  administrator_arns      = [for r in var.kms.administrator_role_names : "arn:${local.partition}:iam::${local.account_id}:role/${r}"]

  keys = {
    data      = { description = "Aurora, DynamoDB, S3, ElastiCache and backups", services = ["rds", "dynamodb", "s3", "elasticache", "backup"] }
    crypto    = { description = "crypto-processor wallet and signing data" }
    liquidity = { description = "liquidity-management data" }
    secrets   = { description = "Secrets Manager", services = ["secretsmanager"] }
    logs      = { description = "CloudWatch Logs", log_service = true }
  }
}

# The single source of truth for services: validated and resolved for this environment.
module "catalog" {
  source = "./modules/catalog"

  environment = var.environment
  services    = yamldecode(file("${path.module}/catalog/services.yaml")).services
}
