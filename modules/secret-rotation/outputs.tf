# Names and ARNs only; no output carries a secret value. Outputs of resources
# the module did not create (secrets empty) are null, except the role's name
# and ARN (see role_arn).

output "function_name" {
  description = "Name of the rotation function, lookcard-<env>-secret-rotation (null when secrets is empty)."
  value       = one(aws_lambda_function.this[*].function_name)
}

output "function_arn" {
  description = "ARN of the rotation function; known after apply (null when secrets is empty)."
  value       = one(aws_lambda_function.this[*].arn)
}

output "role_arn" {
  description = "ARN of the function's execution role, known at plan time and independent of secrets (no dependency cycle): the root adds it to the readers of the rotated secrets. The role exists only when secrets is not empty."
  value       = local.role_arn
}

output "role_name" {
  description = "Name of the function's execution role, known at plan time (the role exists only when secrets is not empty)."
  value       = local.role_name
}

output "security_group_id" {
  description = "Security group of the function (no ingress, HTTPS egress to the VPC endpoints only); null when secrets is empty."
  value       = one(aws_security_group.this[*].id)
}

output "log_group_name" {
  description = "CloudWatch log group of the function, /aws/lambda/<function name> (null when secrets is empty)."
  value       = one(aws_cloudwatch_log_group.this[*].name)
}

output "rotated_secrets" {
  description = "Names (keys of secrets) of the secrets this function rotates, sorted."
  value       = sort(keys(var.secrets))
}
