# AWS Backup of the environment's data stores: one vault encrypted with the
# data key, a daily plan, a selection naming exactly the given resources
# (Aurora, DynamoDB), and where asked a vault lock and a copy of every
# recovery point to a vault in another region (encrypted with a key of that
# region, created here; provider v6's per-resource region, no alias).
#
# ElastiCache is not a resource type AWS Backup supports: Redis relies on
# its own automatic snapshots (modules/redis snapshot_retention_days).
#
# Nothing here lets the pipeline delete a recovery point: the vault policy
# denies DeleteRecoveryPoint and lifecycle changes to every principal but the
# administrators (AWS Backup's own lifecycle expiry is not a principal's
# call), the deploy role is denied the same in IAM whatever the vault policy
# says (modules/access), and a COMPLIANCE-mode lock
# (production) makes the retention immutable even for the account root once
# changeable_for_days has passed.

locals {
  vault_name      = "${var.name_prefix}-backup"
  copy_vault_name = "${var.name_prefix}-backup-copy"
  role_name       = "${var.name_prefix}-backup"
  copy_enabled    = var.copy != null

  vault_arn      = "arn:${var.partition}:backup:${var.region}:${var.account_id}:backup-vault:${local.vault_name}"
  copy_vault_arn = local.copy_enabled ? "arn:${var.partition}:backup:${var.copy.region}:${var.account_id}:backup-vault:${local.copy_vault_name}" : null

  # COMPLIANCE mode is a lock with a grace period (changeable_for_days);
  # GOVERNANCE mode is a lock without one.
  compliance = try(var.vault_lock.mode, null) == "COMPLIANCE"

  protect_recovery_points = { for name, arn in merge(
    { primary = local.vault_arn },
    local.copy_enabled ? { copy = local.copy_vault_arn } : {},
    ) : name => jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid       = "DenyDeletingRecoveryPoints"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]
        Resource  = arn
        # The administrators (MFA, bootstrap/) alone may, outside a
        # COMPLIANCE lock's retention; CI and every workload role never.
        Condition = { ArnNotLike = { "aws:PrincipalArn" = var.administrator_role_arns } }
      }]
  }) }
}

# --- Vaults -------------------------------------------------------------------------

resource "aws_backup_vault" "this" {
  name        = local.vault_name
  kms_key_arn = var.kms_key_arn

  tags = { Name = local.vault_name }

  lifecycle {
    precondition {
      condition     = var.environment != "production" || (local.compliance && local.copy_enabled)
      error_message = "In production backups need vault_lock.mode = COMPLIANCE and a cross-region copy (PCI DSS 12.10.1 / SOC 2 A1.2: backups the pipeline cannot delete, that survive the region)."
    }
  }
}

resource "aws_backup_vault_policy" "this" {
  backup_vault_name = aws_backup_vault.this.name
  policy            = local.protect_recovery_points.primary
}

resource "aws_backup_vault_lock_configuration" "this" {
  count = var.vault_lock == null ? 0 : 1

  backup_vault_name   = aws_backup_vault.this.name
  min_retention_days  = var.vault_lock.min_retention_days
  max_retention_days  = var.vault_lock.max_retention_days
  changeable_for_days = local.compliance ? var.vault_lock.changeable_for_days : null

  lifecycle {
    precondition {
      condition     = var.retention_days >= var.vault_lock.min_retention_days && var.retention_days <= var.vault_lock.max_retention_days
      error_message = "retention_days (${var.retention_days}) must be within the vault lock's min_retention_days (${var.vault_lock.min_retention_days}) and max_retention_days (${var.vault_lock.max_retention_days}): AWS Backup refuses a backup job whose retention the lock does not allow."
    }
  }
}

# The copy vault's key must be of the copy's region.
resource "aws_kms_key" "copy" {
  count = local.copy_enabled ? 1 : 0

  region                  = var.copy.region
  description             = "${var.name_prefix}: AWS Backup copies in ${var.copy.region}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  # The account keeps the key manageable; AWS Backup uses it through the
  # backup role's managed policy (kms:ViaService backup.*).
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountRootManagesKey"
      Effect    = "Allow"
      Principal = { AWS = "arn:${var.partition}:iam::${var.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })

  tags = { Name = local.copy_vault_name }
}

resource "aws_backup_vault" "copy" {
  count = local.copy_enabled ? 1 : 0

  region      = var.copy.region
  name        = local.copy_vault_name
  kms_key_arn = aws_kms_key.copy[0].arn

  tags = { Name = local.copy_vault_name }

  lifecycle {
    precondition {
      condition     = var.copy.region != var.region
      error_message = "copy.region must be another region than ${var.region}: a copy in the same region does not survive a regional outage."
    }
  }
}

resource "aws_backup_vault_policy" "copy" {
  count = local.copy_enabled ? 1 : 0

  region            = var.copy.region
  backup_vault_name = aws_backup_vault.copy[0].name
  policy            = local.protect_recovery_points.copy
}

resource "aws_backup_vault_lock_configuration" "copy" {
  count = local.copy_enabled && var.vault_lock != null ? 1 : 0

  region              = var.copy.region
  backup_vault_name   = aws_backup_vault.copy[0].name
  min_retention_days  = var.vault_lock.min_retention_days
  max_retention_days  = var.vault_lock.max_retention_days
  changeable_for_days = local.compliance ? var.vault_lock.changeable_for_days : null
}

# --- Plan and selection ---------------------------------------------------------------

resource "aws_backup_plan" "this" {
  name = "${var.name_prefix}-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.this.name
    schedule          = var.schedule
    start_window      = 60
    completion_window = 360

    lifecycle {
      delete_after = var.retention_days
    }

    dynamic "copy_action" {
      for_each = local.copy_enabled ? [var.copy] : []
      content {
        destination_vault_arn = aws_backup_vault.copy[0].arn

        lifecycle {
          delete_after = copy_action.value.retention_days
        }
      }
    }
  }

  tags = { Name = "${var.name_prefix}-daily" }
}

module "role" {
  source = "../iam-role"

  name                     = local.role_name
  description              = "AWS Backup of ${var.name_prefix}: back up and restore the selected data stores."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AwsBackupOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })

  managed_policy_arns = {
    backup   = "arn:${var.partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
    restores = "arn:${var.partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"
  }

  tags = { Name = local.role_name }
}

resource "aws_backup_selection" "this" {
  name    = "${var.name_prefix}-data-stores"
  plan_id = aws_backup_plan.this.id
  # module.role.arn waits for the role's policy attachments.
  iam_role_arn = module.role.arn
  resources    = sort(values(var.resources))
}
