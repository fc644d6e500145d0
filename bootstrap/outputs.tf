output "state_bucket" {
  description = "Name of the state bucket."
  value       = module.state_bucket.name
}

output "lock_table" {
  description = "Name of the DynamoDB state lock table."
  value       = aws_dynamodb_table.locks.name
}

output "kms_key_arn" {
  description = "ARN of the state key. Pass it as the backend's kms_key_id (the bucket policy refuses writes with any other key) and as state.kms_key_arn of modules/access."
  value       = aws_kms_key.state.arn
}

output "backend_config" {
  description = "S3 backend settings with DynamoDB locking, which every supported engine (Terraform >= 1.7, OpenTofu >= 1.8) understands; add key = \"<stack>/terraform.tfstate\". One -backend-config=\"name=value\" per entry."
  value = {
    bucket         = module.state_bucket.name
    region         = var.region
    dynamodb_table = aws_dynamodb_table.locks.name
    encrypt        = true
    kms_key_id     = aws_kms_key.state.arn
  }
}

output "backend_config_native_locking" {
  description = "The alternative for engines with S3 native locking (Terraform >= 1.10, OpenTofu >= 1.10.2 for an encrypted lock file): use_lockfile = true instead of dynamodb_table. Older engines reject use_lockfile."
  value = {
    bucket       = module.state_bucket.name
    region       = var.region
    use_lockfile = true
    encrypt      = true
    kms_key_id   = aws_kms_key.state.arn
  }
}

output "deploy_role_arn" {
  description = "Role the main root is applied with: the deploy job's role (GitHub environment variable AWS_DEPLOY_ROLE_ARN of environment <env>); people reach it from the admin role. Its name is deploy_role_name in the environment's tfvars."
  value       = one(module.access[*].deploy_role_arn)
}

output "plan_role_arn" {
  description = "Read-only role deploy.yml's plan job plans with (GitHub environment variable AWS_PLAN_ROLE_ARN of environment <env>-plan)."
  value       = one(module.access[*].plan_role_arn)
}

output "admin_role_arn" {
  description = "MFA-only role people apply from (the provider then assumes the deploy role); administrator of the state key and of the main root's keys. Null without admin_principal_arns."
  value       = one(module.access[*].admin_role_arn)
}

output "key_administrator_arns" {
  description = "Principals of the state key policy's KeyAdministrators statement: the admin role created here and the prerequisite roles of admin_role_arns."
  value       = local.key_administrator_arns
}

output "github_oidc_subjects" {
  description = "OIDC sub claims the deploy and plan roles trust: repo:<owner/name>:environment:<env> (deploy.yml's apply job) and :environment:<env>-plan (its plan job). Create these two GitHub environments."
  value       = one(module.access[*].github_subjects)
}

output "permissions_boundary_arn" {
  description = "Workload permissions boundary (lookcard-<account>-workload-boundary) that every role of the main root carries; the deploy role can create or change a role only with it, and can neither remove it nor change the policy."
  value       = one(module.access[*].permissions_boundary_arn)
}
