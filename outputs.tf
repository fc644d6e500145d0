output "name_prefix" {
  description = "Prefix of every resource name in this stack."
  value       = local.name_prefix
}

output "kms_key_arns" {
  description = "Customer-managed KMS key ARN by purpose."
  value       = module.kms.key_arns
}

output "kms_alias_names" {
  description = "KMS alias by purpose."
  value       = module.kms.alias_names
}

output "services_by_cluster" {
  description = "ECS services by cluster, from the service catalog."
  value       = module.catalog.services_by_cluster
}
