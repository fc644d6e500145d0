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

locals {
  # Role names are a convention shared with modules/ecs-service, so that
  # policies elsewhere (secrets, keys) can name them before they exist.
  execution_role_arns = { for n in keys(module.catalog.services) : n => "arn:${local.partition}:iam::${local.account_id}:role/${local.name_prefix}-${n}-execution" }
}

module "network" {
  source = "./modules/network"

  name_prefix = local.name_prefix
  region      = var.aws_region
  network = {
    cidr               = var.network.cidr
    availability_zones = var.network.availability_zones
    public_subnets     = var.network.public_subnets
    private_subnets    = var.network.private_subnets
    database_subnets   = var.network.database_subnets
    isolated_subnets   = var.network.isolated_subnets
    nat_gateway_count  = var.network.nat_gateway_count
  }
  flow_logs = {
    retention_in_days = var.logs.retention_in_days
    kms_key_arn       = module.kms.key_arns["logs"]
  }
  endpoints = {
    interface_services = var.network.interface_endpoints
    az_count           = var.network.endpoint_az_count
  }
}

module "security_groups" {
  source = "./modules/security-groups"

  name_prefix = local.name_prefix
  vpc_id      = module.network.vpc_id
  services    = module.catalog.ecs_services
  bastion = {
    enabled           = var.bastion.enabled
    security_group_id = module.bastion.security_group_id
  }
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

module "bastion" {
  source = "./modules/bastion"

  name_prefix           = local.name_prefix
  account_id            = local.account_id
  region                = var.aws_region
  enabled               = var.bastion.enabled
  instance_type         = var.bastion.instance_type
  vpc_id                = module.network.vpc_id
  vpc_cidr              = module.network.vpc_cidr
  subnet_id             = module.network.subnet_ids.private[0]
  logs_kms_key_arn      = module.kms.key_arns["logs"]
  log_retention_in_days = var.logs.retention_in_days
  egress_cidrs = { for i, cidr in module.network.subnet_cidrs.database : "postgres-${var.network.availability_zones[i]}" => {
    port        = 5432
    cidr        = cidr
    description = "PostgreSQL in ${var.network.availability_zones[i]}"
  } }
}
