output "cluster_identifier" {
  description = "Cluster identifier, <name_prefix>-aurora."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "cluster_arn" {
  description = "Cluster ARN, built from known parts so that it is known at plan time."
  value       = local.cluster_arn
}

output "cluster_resource_id" {
  description = "Cluster resource ID (cluster-...), the resource part of rds-db:connect ARNs for direct connections."
  value       = aws_rds_cluster.this.cluster_resource_id
}

output "writer_endpoint" {
  description = "Cluster (writer) endpoint. Services use proxy_endpoint; this is for migrations and the bastion."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Cluster reader endpoint (the writer when there are no readers)."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "proxy_endpoint" {
  description = "RDS Proxy read/write endpoint (TLS and IAM token required; end-to-end IAM authentication); null when cluster.proxy.enabled is false."
  value       = one(aws_db_proxy.this[*].endpoint)
}

output "client_endpoint" {
  description = "Read/write endpoint the services connect to, each as its own IAM-authenticated database user: the proxy's, or the cluster (writer) endpoint when cluster.proxy.enabled is false."
  value       = var.cluster.proxy.enabled ? one(aws_db_proxy.this[*].endpoint) : aws_rds_cluster.this.endpoint
}

output "client_db_connect_arn_prefix" {
  description = "rds-db:connect ARN prefix (append /<db user>) matching client_endpoint: the proxy's resource ID, or the cluster's when there is no proxy."
  value       = var.cluster.proxy.enabled ? "arn:${var.partition}:rds-db:${var.region}:${var.account_id}:dbuser:${element(split(":", one(aws_db_proxy.this[*].arn)), 6)}" : local.cluster_db_user_arn_prefix
}

output "proxy_read_only_endpoint" {
  description = "RDS Proxy read-only endpoint, routed to the readers; null when cluster.reader_count is 0."
  value       = one(aws_db_proxy_endpoint.read_only[*].endpoint)
}

output "proxy_db_connect_arn_prefix" {
  description = "arn:aws:rds-db:<region>:<account>:dbuser:<proxy resource id>: append /<db user> for the rds-db:connect resource of clients that connect through RDS Proxy (unknown until the proxy exists)."
  value       = var.cluster.proxy.enabled ? "arn:${var.partition}:rds-db:${var.region}:${var.account_id}:dbuser:${element(split(":", one(aws_db_proxy.this[*].arn)), 6)}" : null
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret of the master user (administrators and migrations, directly against the cluster; never used by RDS Proxy), created and rotated by RDS, encrypted with the secrets key."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "port" {
  description = "PostgreSQL port of the cluster and the proxy."
  value       = local.port
}

output "database_name" {
  description = "Name of the initial database."
  value       = var.cluster.database_name
}

output "db_connect_arn_prefix" {
  description = "arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>: append /<db user> for the rds-db:connect resource of direct (non-proxy) IAM connections (unknown until the cluster exists)."
  value       = local.cluster_db_user_arn_prefix
}

output "instance_availability_zones" {
  description = "AZ of each instance by key (writer, reader-1, reader-2), known at plan time."
  value       = { for k, v in local.instances : k => v.availability_zone }
}
