output "repository_urls" {
  description = "Repository URL (<account>.dkr.ecr.<region>.amazonaws.com/<name_prefix>/<service>) by service; known after apply."
  value       = { for s, r in aws_ecr_repository.this : s => r.repository_url }
}

output "repository_names" {
  description = "Repository name (<name_prefix>/<service>) by service, known at plan."
  value       = { for s, r in aws_ecr_repository.this : s => r.name }
}

output "repository_arns" {
  description = "Repository ARN by service, built from known parts (arn:aws:ecr:<region>:<account>:repository/<name>) so that IAM policies using it are known at plan; it still depends on the repository."
  value       = { for s, r in aws_ecr_repository.this : s => "arn:${var.partition}:ecr:${var.region}:${var.account_id}:repository/${r.name}" }
}
