output "alb_security_group_id" {
  description = "Security group of the internal ALB (HTTPS from the NLB's group only)."
  value       = aws_security_group.component["alb"].id
}

output "service_security_group_ids" {
  description = "Security group by ECS service."
  value       = { for k, v in aws_security_group.service : k => v.id }
}

output "rds_proxy_security_group_id" {
  description = "Security group of RDS Proxy."
  value       = aws_security_group.component["rds-proxy"].id
}

output "aurora_security_group_id" {
  description = "Security group of the Aurora cluster."
  value       = aws_security_group.component["aurora"].id
}

output "redis_security_group_id" {
  description = "Security group of the Redis replication group."
  value       = aws_security_group.component["redis"].id
}

output "migrations_security_group_id" {
  description = "Security group of database migration tasks."
  value       = aws_security_group.component["migrations"].id
}

output "ingress_rules" {
  description = "Every service ingress rule as <service>/from-<source>: the derived who-talks-to-whom, for review and tests."
  value       = sort(keys(local.service_ingress))
}

output "app_runner_security_group_id" {
  description = "Security group of the App Runner VPC connector."
  value       = aws_security_group.component["app-runner"].id
}

output "nlb_security_group_id" {
  description = "Security group of the internal NLB, for the load-balancers module's nlb_security_group_ids; the ALB's group admits only it."
  value       = aws_security_group.component["nlb"].id
}
