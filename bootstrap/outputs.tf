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
  description = "Role the main root is applied with (set deploy_role_name in the environment's tfvars to its name)."
  value       = one(module.access[*].deploy_role_arn)
}

output "plan_role_arn" {
  description = "Read-only role pull requests plan with."
  value       = one(module.access[*].plan_role_arn)
}
