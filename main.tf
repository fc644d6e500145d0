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
    data      = { description = "Aurora, DynamoDB, S3, ElastiCache, ECR, SQS, App Runner, X-Ray and backups", services = ["rds", "dynamodb", "s3", "elasticache", "backup", "ecr", "sqs", "apprunner", "xray"], service_principals = ["cloudfront.amazonaws.com"] }
    crypto    = { description = "crypto-processor wallet and signing data" }
    liquidity = { description = "liquidity-management data" }
    secrets   = { description = "Secrets Manager", services = ["secretsmanager"] }
    logs      = { description = "CloudWatch Logs and alarm topics", log_service = true, service_principals = ["cloudwatch.amazonaws.com"] }
    audit     = { description = "CloudTrail and Config logs", services = ["s3"], service_principals = ["cloudtrail.amazonaws.com"] }
  }
}

# The single source of truth for services: validated and resolved for this environment.
module "catalog" {
  source = "./modules/catalog"

  environment      = var.environment
  services         = local.catalog_document.services
  rotating_secrets = try(local.catalog_document.rotating_secrets, [])
}

locals {
  catalog_document = yamldecode(file(var.catalog_file == "" ? "${path.module}/catalog/services.yaml" : var.catalog_file))

  # Role names are a convention shared with modules/ecs-service, so that
  # policies elsewhere (secrets, keys) can name them before they exist.
  execution_role_arns = { for n in keys(module.catalog.services) : n => "arn:${local.partition}:iam::${local.account_id}:role/${local.name_prefix}-${n}-execution" }
}

module "secrets" {
  source = "./modules/secrets"

  name_prefix             = local.name_prefix
  account_id              = local.account_id
  region                  = var.aws_region
  kms_key_arn             = module.kms.key_arns["secrets"]
  recovery_window_in_days = var.secrets.recovery_window_in_days

  # Values are put by each secret's owner; none ever passes through here.
  secrets = { for name, readers in module.catalog.secrets : "app/${name}" => {
    description = "${name}, read by ${join(", ", readers)}"
    readers     = [for r in readers : local.execution_role_arns[r]]
  } }
}
