# AWS Backup of the data tier (modules/backup): Aurora and every DynamoDB
# table, daily, into a vault encrypted with the data key; a vault lock and a
# cross-region copy where the environment asks (production: COMPLIANCE lock,
# copy to another region). ElastiCache is not supported by AWS Backup: Redis
# keeps its own snapshots (redis.snapshot_retention_days). Previews share the
# sandbox account and are disposable: no backups.

module "backup" {
  source = "./modules/backup"
  count  = var.backup.enabled && var.preview == "" ? 1 : 0

  name_prefix              = local.name_prefix
  environment              = var.environment
  account_id               = local.account_id
  region                   = var.aws_region
  partition                = local.partition
  kms_key_arn              = module.kms.key_arns["data"]
  permissions_boundary_arn = local.permissions_boundary_arn
  # The MFA admin role of bootstrap/ may delete recovery points (outside a
  # COMPLIANCE lock); CI never.
  administrator_role_arns = ["arn:${local.partition}:iam::${local.account_id}:role/lookcard-${var.environment}-admin"]

  resources = merge(
    { aurora = module.aurora.cluster_arn },
    { for k, t in module.dynamodb.tables : "dynamodb-${replace(k, "/", "-")}" => t.arn },
  )
  schedule       = var.backup.schedule
  retention_days = var.backup.retention_days
  vault_lock     = var.backup.vault_lock
  copy           = var.backup.copy
}
