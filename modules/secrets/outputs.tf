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

output "seeding_required" {
  description = "Secrets whose value an owner must put before the services that read them can start (third-party credentials; generated is false), by key: name and ARN (known after apply). A new container has no value (no AWSCURRENT version); the tooling checks each of these with DescribeSecret before a first deployment."
  value       = { for k, s in aws_secretsmanager_secret.this : k => { name = s.name, arn = s.arn } if !var.secrets[k].generated }
}

output "generated" {
  description = "Keys of the secrets the platform generates itself (their first value comes from the rotation function when rotation is configured), sorted."
  value       = sort([for k, s in var.secrets : k if s.generated])
}
