output "replication_group_id" {
  description = "Replication group ID, <name_prefix>-redis."
  value       = aws_elasticache_replication_group.this.replication_group_id
}

output "primary_endpoint" {
  description = "Primary endpoint address (reads and writes; TLS required)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint" {
  description = "Reader endpoint address, spread over the replicas (the primary when there are none)."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Redis port."
  value       = local.port
}

output "user_id" {
  description = "ID of the IAM-authenticated RBAC user that services connect as (equal to user_name, as IAM authentication requires)."
  value       = aws_elasticache_user.app.user_id
}

output "user_name" {
  description = "User name services pass to AUTH together with an IAM authentication token."
  value       = aws_elasticache_user.app.user_name
}

output "user_group_id" {
  description = "RBAC user group attached to the replication group."
  value       = aws_elasticache_user_group.this.user_group_id
}

output "connect_arns" {
  description = "Resources of the elasticache:Connect IAM action: the replication group and the app user, built from known parts so that service policies are known at plan time."
  value = [
    "arn:${var.partition}:elasticache:${var.region}:${var.account_id}:replicationgroup:${local.replication_group_id}",
    "arn:${var.partition}:elasticache:${var.region}:${var.account_id}:user:${aws_elasticache_user.app.user_id}",
  ]
}
