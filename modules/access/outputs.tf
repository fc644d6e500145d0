output "oidc_provider_arn" {
  description = "ARN of the GitHub Actions OIDC provider (created here or the account's existing one), known at plan time."
  value       = local.oidc_provider_arn
  depends_on  = [aws_iam_openid_connect_provider.github]
}

output "deploy_role_arn" {
  description = "Role GitHub Actions assumes to apply, from the allowed refs only (role-to-assume of aws-actions/configure-aws-credentials)."
  value       = aws_iam_role.deploy.arn
}

output "plan_role_arn" {
  description = "Role GitHub Actions assumes to plan, from any ref or pull request of the repository."
  value       = aws_iam_role.plan.arn
}

output "admin_role_arn" {
  description = "MFA-only administrator role; null when admin_principal_arns is empty."
  value       = one(aws_iam_role.admin[*].arn)
}

output "read_only_role_arn" {
  description = "MFA-only read-only role for auditors; null when admin_principal_arns and auditor_principal_arns are both empty."
  value       = one(aws_iam_role.read_only[*].arn)
}
