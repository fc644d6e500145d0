# Outputs hold names and ARNs only; no output carries a secret value.

output "arns" {
  description = "Secret ARN by key (known after apply: AWS adds a random suffix)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "names" {
  description = "Secret name by key, <name_prefix>/<key>; known at plan time."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.name }
}

output "arn_patterns" {
  description = "ARN pattern by key that matches exactly that secret (name plus AWS's six-character suffix); known at plan time, for identity policies elsewhere."
  value       = { for k, s in aws_secretsmanager_secret.this : k => "arn:${local.partition}:secretsmanager:${var.region}:${var.account_id}:secret:${s.name}-??????" }
}
