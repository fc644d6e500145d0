# Guarantees of the backup module, planned against the real AWS provider
# schema: what is backed up, for how long, who cannot delete it, the lock and
# the cross-region copy.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix = "lookcard-production"
  environment = "production"
  account_id  = "123456789012"
  region      = "ap-southeast-1"
  kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  resources = {
    aurora        = "arn:aws:rds:ap-southeast-1:123456789012:cluster:lookcard-production-aurora"
    "table-cards" = "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-production-cards"
  }
  retention_days           = 35
  administrator_role_arns  = ["arn:aws:iam::123456789012:role/lookcard-production-admin"]
  permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-production-workload-boundary"
  vault_lock               = { mode = "COMPLIANCE", min_retention_days = 7, max_retention_days = 365 }
  copy                     = { region = "ap-southeast-2", retention_days = 35 }
}

run "backs_up_every_given_data_store_daily_into_the_encrypted_vault" {
  command = plan

  assert {
    condition     = aws_backup_vault.this.name == "lookcard-production-backup" && aws_backup_vault.this.kms_key_arn == var.kms_key_arn
    error_message = "The vault must be <name_prefix>-backup, encrypted with the given customer-managed key."
  }

  assert {
    condition     = toset(aws_backup_selection.this.resources) == toset(values(var.resources))
    error_message = "The selection must name exactly the given resources."
  }

  assert {
    condition     = one(aws_backup_plan.this.rule).schedule == "cron(0 18 * * ? *)" && one(one(aws_backup_plan.this.rule).lifecycle).delete_after == 35
    error_message = "The plan must run daily and keep each recovery point retention_days."
  }

  assert {
    condition     = module.role.permissions_boundary_arn == var.permissions_boundary_arn
    error_message = "The backup role must carry the workload permissions boundary."
  }

  assert {
    condition = toset(module.role.managed_policy_arns) == toset([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ])
    error_message = "The backup role must have exactly AWS's two AWS Backup service-role policies."
  }

  assert {
    condition     = jsondecode(module.role.assume_role_policy).Statement[0].Principal.Service == "backup.amazonaws.com" && jsondecode(module.role.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "Only AWS Backup of this account may assume the role."
  }
}

run "nobody_but_the_administrators_deletes_a_recovery_point" {
  command = plan

  assert {
    condition = (
      jsondecode(aws_backup_vault_policy.this.policy).Statement[0].Effect == "Deny" &&
      jsondecode(aws_backup_vault_policy.this.policy).Statement[0].Principal == { AWS = "*" } &&
      contains(jsondecode(aws_backup_vault_policy.this.policy).Statement[0].Action, "backup:DeleteRecoveryPoint") &&
      jsondecode(aws_backup_vault_policy.this.policy).Statement[0].Condition.ArnNotLike["aws:PrincipalArn"] == ["arn:aws:iam::123456789012:role/lookcard-production-admin"]
    )
    error_message = "The vault policy must deny DeleteRecoveryPoint to every principal but the administrator roles."
  }

  assert {
    condition     = jsondecode(aws_backup_vault_policy.copy[0].policy).Statement[0].Resource == "arn:aws:backup:ap-southeast-2:123456789012:backup-vault:lookcard-production-backup-copy"
    error_message = "The copy vault must be protected the same way."
  }
}

run "compliance_lock_in_both_vaults" {
  command = plan

  assert {
    condition     = aws_backup_vault_lock_configuration.this[0].changeable_for_days == 3 && aws_backup_vault_lock_configuration.this[0].min_retention_days == 7 && aws_backup_vault_lock_configuration.this[0].max_retention_days == 365
    error_message = "COMPLIANCE mode must set changeable_for_days (AWS's minimum, 3) and the retention bounds."
  }

  assert {
    condition     = aws_backup_vault_lock_configuration.copy[0].changeable_for_days == 3 && aws_backup_vault_lock_configuration.copy[0].region == "ap-southeast-2"
    error_message = "The copy vault must be locked in COMPLIANCE mode too, in its own region."
  }
}

run "copies_every_recovery_point_to_another_region_with_a_key_of_that_region" {
  command = plan

  assert {
    condition     = aws_backup_vault.copy[0].region == "ap-southeast-2" && aws_kms_key.copy[0].region == "ap-southeast-2" && aws_kms_key.copy[0].enable_key_rotation
    error_message = "The copy vault and its rotating key must be in copy.region."
  }

  assert {
    condition     = one(one(one(aws_backup_plan.this.rule).copy_action).lifecycle).delete_after == 35 && output.copy_vault_arn == "arn:aws:backup:ap-southeast-2:123456789012:backup-vault:lookcard-production-backup-copy"
    error_message = "The plan must copy each recovery point to the copy vault and keep it copy.retention_days."
  }
}

run "governance_lock_has_no_grace_period_and_no_copy_when_not_asked" {
  command = plan

  variables {
    environment    = "staging"
    vault_lock     = { mode = "GOVERNANCE", min_retention_days = 1, max_retention_days = 35 }
    copy           = null
    retention_days = 7
  }

  assert {
    condition     = aws_backup_vault_lock_configuration.this[0].changeable_for_days == null
    error_message = "A GOVERNANCE lock must not set changeable_for_days (that would make it COMPLIANCE)."
  }

  assert {
    condition     = length(aws_backup_vault.copy) == 0 && length(aws_kms_key.copy) == 0 && length(one(aws_backup_plan.this.rule).copy_action) == 0
    error_message = "Without copy there must be no copy vault, key or copy action."
  }
}

run "no_lock_when_not_asked" {
  command = plan

  variables {
    environment    = "develop"
    vault_lock     = null
    copy           = null
    retention_days = 7
  }

  assert {
    condition     = length(aws_backup_vault_lock_configuration.this) == 0
    error_message = "vault_lock = null must create no lock (develop stays cheap and disposable)."
  }
}

run "rejects_retention_outside_the_lock" {
  command = plan

  variables {
    retention_days = 3
  }

  expect_failures = [aws_backup_vault_lock_configuration.this]
}

run "rejects_a_copy_in_the_same_region" {
  command = plan

  variables {
    copy = { region = "ap-southeast-1", retention_days = 35 }
  }

  expect_failures = [aws_backup_vault.copy]
}

run "rejects_elasticache" {
  command = plan

  variables {
    resources = { redis = "arn:aws:elasticache:ap-southeast-1:123456789012:replicationgroup:lookcard-production-redis" }
  }

  expect_failures = [var.resources]
}

run "rejects_a_ci_role_as_administrator" {
  command = plan

  variables {
    administrator_role_arns = ["arn:aws:iam::123456789012:role/lookcard-production-deploy"]
  }

  expect_failures = [var.administrator_role_arns]
}

run "rejects_a_short_compliance_grace_period" {
  command = plan

  variables {
    vault_lock = { mode = "COMPLIANCE", min_retention_days = 7, max_retention_days = 365, changeable_for_days = 1 }
  }

  expect_failures = [var.vault_lock]
}

run "production_refuses_backups_without_compliance_lock_or_copy" {
  command = plan

  variables {
    vault_lock = { mode = "GOVERNANCE", min_retention_days = 7, max_retention_days = 365 }
  }

  expect_failures = [aws_backup_vault.this]
}
