# Network tier: VPC and subnets, security groups derived from the catalog, the bastion.

module "network" {
  source = "./modules/network"

  name_prefix              = local.name_prefix
  permissions_boundary_arn = local.permissions_boundary_arn
  region                   = var.aws_region
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

module "bastion" {
  source = "./modules/bastion"

  name_prefix              = local.name_prefix
  permissions_boundary_arn = local.permissions_boundary_arn
  account_id               = local.account_id
  region                   = var.aws_region
  enabled                  = var.bastion.enabled
  instance_type            = var.bastion.instance_type
  vpc_id                   = module.network.vpc_id
  vpc_cidr                 = module.network.vpc_cidr
  subnet_id                = module.network.subnet_ids.private[0]
  logs_kms_key_arn         = module.kms.key_arns["logs"]
  log_retention_in_days    = var.logs.retention_in_days
  egress_cidrs = { for i, cidr in module.network.subnet_cidrs.database : "postgres-${var.network.availability_zones[i]}" => {
    port        = 5432
    cidr        = cidr
    description = "PostgreSQL in ${var.network.availability_zones[i]}"
  } }
}
