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
  description = "Role GitHub Actions assumes to plan, from github.plan_refs only (read-only, plus state locking)."
  value       = aws_iam_role.plan.arn
}

output "admin_role_arn" {
  description = "MFA-only administrator role (the role people apply from, and key administrator); null when admin_principal_arns is empty. Known at plan time, and available only once the role exists, so a key policy can name it."
  value       = local.admin_role_created ? local.role_arns.admin : null
  depends_on  = [aws_iam_role.admin]
}

output "github_subjects" {
  description = "OIDC sub claims the deploy and plan roles trust, by role: exactly those of the workflow jobs that assume them."
  value       = local.subjects
}

output "trust_policies" {
  description = "Trust policy (JSON) of each role this module creates, by role (deploy, plan, admin, read_only), known at plan time."
  value       = merge(local.github_trust, local.mfa_trust)
}

output "read_only_role_arn" {
  description = "MFA-only read-only role for auditors; null when admin_principal_arns and auditor_principal_arns are both empty."
  value       = one(aws_iam_role.read_only[*].arn)
}

output "permissions_boundary_arn" {
  description = "ARN of the workload permissions boundary (<name_prefix>-workload-boundary), known at plan time: every role the main root creates must carry it (permissions_boundary), or the deploy role is refused."
  value       = local.boundary_arn
  depends_on  = [aws_iam_policy.workload_boundary]
}
