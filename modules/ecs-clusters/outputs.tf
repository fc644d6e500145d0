output "clusters" {
  description = "Cluster by short name (core-application, …): arn (known after apply) and name (known at plan). The name is read from the capacity provider association, so services that use it wait for FARGATE/FARGATE_SPOT to be attached."
  value = { for c in var.clusters : c => {
    arn  = aws_ecs_cluster.this[c].arn
    name = aws_ecs_cluster_capacity_providers.this[c].cluster_name
  } }
}

output "exec_log_group_name" {
  description = "CloudWatch log group that receives ECS Exec session logs."
  value       = aws_cloudwatch_log_group.exec.name
}
