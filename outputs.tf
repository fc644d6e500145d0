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

output "vpc_id" {
  description = "VPC of the environment."
  value       = module.network.vpc_id
}

output "subnet_cidrs" {
  description = "Subnet CIDRs by tier (public, private, database, isolated)."
  value       = module.network.subnet_cidrs
}

output "nat_gateway_count" {
  description = "NAT gateways (one per AZ where high availability is asked for)."
  value       = module.network.nat_gateway_count
}

output "interface_endpoints" {
  description = "Interface VPC endpoint services."
  value       = module.network.interface_endpoint_services
}

output "secret_names" {
  description = "Secrets Manager secret names by key (values are never outputs)."
  value       = module.secrets.names
}

output "secrets_to_seed" {
  description = "Secrets an owner must put a value in before the services that read them start (third-party credentials), by key: name and ARN. Generated secrets are not listed: the rotation function gives them their first value at creation. A new secret has no AWSCURRENT version until seeded."
  value       = module.secrets.seeding_required
}

output "bastion_instance_id" {
  description = "Bastion instance (null when the environment has none); connect with aws ssm start-session."
  value       = module.bastion.instance_id
}
