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
  value       = "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.instance.name}"
}

output "access_role_arn" {
  description = "ARN of the access role that pulls the image, known at plan: list it in the ECR module's pull_principal_arns."
  value       = "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.access.name}"
}
