output "services" {
  description = "Every service with its capacity resolved for the environment."
  value       = local.services

  # Every rule of rules.tf; the message lists each one the catalog breaks.
  precondition {
    condition     = length(local.broken_rules) == 0
    error_message = join("\n", local.broken_rules)
  }
}

output "ecs_services" {
  description = "Services that run on the six ECS clusters."
  value       = local.ecs_services
}

output "clusters" {
  description = "The six ECS clusters."
  value       = local.clusters
}

output "services_by_cluster" {
  description = "ECS service names by cluster."
  value       = { for c in local.clusters : c => sort([for n, s in local.ecs_services : n if s.cluster == c]) }
}

output "secrets" {
  description = "Secret name -> services that read it."
  value       = local.secrets
}

output "tables" {
  description = "DynamoDB tables keyed <service>/<table>, each with its owning service."
  value       = local.tables
}

output "public_routes" {
  description = "Public services and their route (host or path)."
  value       = { for n, s in local.services : n => s.route if s.exposure == "public" }
}

output "rotating_secrets" {
  description = "Names of the secrets the platform rotates itself, sorted."
  value       = sort(var.rotating_secrets)

  precondition {
    condition     = alltrue([for s in var.rotating_secrets : contains(keys(local.secrets), s)])
    error_message = "rotating_secrets names secrets no service reads: ${join(", ", [for s in var.rotating_secrets : s if !contains(keys(local.secrets), s)])}. List only secrets that appear in some service's secrets."
  }
}
