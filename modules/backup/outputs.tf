output "vault_name" {
  description = "Name of the primary backup vault."
  value       = aws_backup_vault.this.name
}

output "vault_arn" {
  description = "ARN of the primary backup vault, known at plan time."
  value       = local.vault_arn
}

output "copy_vault_arn" {
  description = "ARN of the cross-region copy vault; null without copy."
  value       = local.copy_vault_arn
}

output "plan_name" {
  description = "Name of the backup plan."
  value       = aws_backup_plan.this.name
}

output "role_name" {
  description = "Name of the AWS Backup service role."
  value       = module.role.name
}

output "vault_lock" {
  description = "The vault lock, or null: mode (COMPLIANCE or GOVERNANCE), min and max retention in days."
  value       = var.vault_lock
}
