# name and arn wait for the role's policies: whatever uses the role (a flow
# log, a backup selection, a proxy) is created only once it may act.

output "name" {
  description = "Name of the role, once its policies are in place."
  value       = aws_iam_role.this.name

  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy_attachment.this]
}

output "arn" {
  description = "ARN of the role, once its policies are in place (for execution_role_arn, iam_role_arn, role_arn and iam:PassRole)."
  value       = aws_iam_role.this.arn

  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy_attachment.this]
}

output "id" {
  description = "ID of the role (its name), without waiting for its policies."
  value       = aws_iam_role.this.id
}

output "unique_id" {
  description = "Stable unique ID of the role (AROA...), for aws:userid conditions in resource policies; known after apply."
  value       = aws_iam_role.this.unique_id
}

output "inline_policy_names" {
  description = "Names of the role's inline policies, sorted."
  value       = sort([for key in keys(var.inline_policies) : lookup(var.inline_policy_names, key, key)])
}

output "managed_policy_arns" {
  description = "ARNs of the managed policies attached to the role, sorted."
  value       = sort(values(var.managed_policy_arns))
}

output "assume_role_policy" {
  description = "The role's trust policy as planned (JSON), for callers' tests."
  value       = aws_iam_role.this.assume_role_policy
}

output "permissions_boundary_arn" {
  description = "The role's permissions boundary as planned, for callers' tests."
  value       = aws_iam_role.this.permissions_boundary
}

output "inline_policies" {
  description = "The role's inline policies as planned, IAM name => JSON, for callers' tests."
  value       = tomap({ for p in aws_iam_role_policy.this : p.name => p.policy })
}
