# Every output is null when enabled = false.

output "instance_id" {
  description = "ID of the bastion instance (the Session Manager target)."
  value       = one(aws_instance.this[*].id)
}

output "security_group_id" {
  description = "ID of the bastion's security group; reference it in the ingress rules of what the bastion reaches (e.g. the database)."
  value       = one(aws_security_group.this[*].id)
}

output "role_arn" {
  description = "ARN of the bastion's instance role; known at plan time."
  value       = var.enabled ? "arn:${local.partition}:iam::${var.account_id}:role/${module.role[0].name}" : null
}

output "session_document_name" {
  description = "Name of the Session Manager preferences document; start sessions with aws ssm start-session --document-name <this>."
  value       = one(aws_ssm_document.session_preferences[*].name)
}

output "session_document_arn" {
  description = "ARN of the Session Manager preferences document, known at plan time, for operators' ssm:StartSession policies."
  value       = var.enabled ? "arn:${local.partition}:ssm:${var.region}:${var.account_id}:document/${aws_ssm_document.session_preferences[0].name}" : null
}

output "session_log_group_name" {
  description = "Name of the encrypted CloudWatch log group that holds session transcripts."
  value       = one(aws_cloudwatch_log_group.sessions[*].name)
}
