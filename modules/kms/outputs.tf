output "key_arns" {
  description = "Key ARN by purpose."
  value       = { for k, v in aws_kms_key.this : k => v.arn }
}

output "key_ids" {
  description = "Key ID by purpose."
  value       = { for k, v in aws_kms_key.this : k => v.key_id }
}

output "alias_names" {
  description = "Alias name by purpose (alias/lookcard-<env>-<purpose>)."
  value       = { for k, v in aws_kms_alias.this : k => v.name }
}

output "alias_arns" {
  description = "Alias ARN by purpose, known at plan time; usable wherever AWS accepts an alias ARN."
  value       = { for k in keys(var.keys) : k => "arn:${var.partition}:kms:${var.region}:${var.account_id}:alias/${var.name_prefix}-${k}" }
}
