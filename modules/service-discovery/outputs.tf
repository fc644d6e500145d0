output "namespace_id" {
  description = "ID of the namespace (ns-...), for modules/ecs-service's service_discovery.namespace_id. Known after apply."
  value       = aws_service_discovery_private_dns_namespace.this.id
}

output "namespace_arn" {
  description = "ARN of the namespace. Known after apply."
  value       = aws_service_discovery_private_dns_namespace.this.arn
}

output "namespace_name" {
  description = "DNS name of the namespace, known at plan time: services are <service>.<namespace_name>."
  value       = aws_service_discovery_private_dns_namespace.this.name
}
