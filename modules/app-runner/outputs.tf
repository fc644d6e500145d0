output "service_arn" {
  description = "ARN of the App Runner service (known after apply)."
  value       = aws_apprunner_service.this.arn
}

output "service_id" {
  description = "ID App Runner gives the service (known after apply)."
  value       = aws_apprunner_service.this.service_id
}

output "service_url" {
  description = "Default domain of the service, <id>.<region>.awsapprunner.com, without scheme: the CloudFront origin (known after apply)."
  value       = aws_apprunner_service.this.service_url
}

output "vpc_connector_arn" {
  description = "ARN of the VPC connector carrying the service's egress (known after apply)."
  value       = aws_apprunner_vpc_connector.this.arn
}

output "instance_role_arn" {
  description = "ARN of the instance role, known at plan (built from the account and the role's name, and depending on the role): grant it access to further resources."
  value       = "arn:${var.partition}:iam::${var.account_id}:role/${module.instance_role.name}"
}

output "access_role_arn" {
  description = "ARN of the access role that pulls the image, known at plan: list it in the ECR module's pull_principal_arns."
  value       = "arn:${var.partition}:iam::${var.account_id}:role/${module.access_role.name}"
}

output "log_group_name_prefix" {
  description = "Prefix of the log groups App Runner creates for the service: /aws/apprunner/<service name>/ (then <service id>/service and <service id>/application)."
  value       = local.log_group_prefix
}

output "aws_created_log_groups" {
  description = "Log groups App Runner created for the service, found at plan time, by \"<service id>/<service|application>\": the root imports each into aws_cloudwatch_log_group.aws_created[key] so that it gets the logs key and retention. Empty before the service exists (and offline)."
  value       = local.aws_created_log_groups
}
