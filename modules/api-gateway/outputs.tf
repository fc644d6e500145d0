output "rest_api_id" {
  description = "ID of the REST API. Known after apply."
  value       = aws_api_gateway_rest_api.this.id
}

output "stage_name" {
  description = "Name of the stage (live), known at plan time."
  value       = aws_api_gateway_stage.live.stage_name
}

output "stage_arn" {
  description = "ARN of the live stage, for the WAF web ACL association. Known after apply."
  value       = aws_api_gateway_stage.live.arn
}

output "execution_arn" {
  description = "Execution ARN of the REST API (arn:aws:execute-api:<region>:<account>:<id>), for resource policies and permissions. Known after apply."
  value       = aws_api_gateway_rest_api.this.execution_arn
}

output "domain_regional_domain_name" {
  description = "Regional domain name of the custom domain: the target of the proxied Cloudflare record for domain_name. Known after apply."
  value       = aws_api_gateway_domain_name.this.regional_domain_name
}

output "domain_regional_zone_id" {
  description = "Route 53 hosted zone ID of the regional custom domain, for alias records. Known after apply."
  value       = aws_api_gateway_domain_name.this.regional_zone_id
}

output "access_log_group_name" {
  description = "CloudWatch log group of the stage's access logs, known at plan time."
  value       = aws_cloudwatch_log_group.access.name
}

output "route_paths" {
  description = "Path prefix by service, known at plan time."
  value       = { for n, r in var.routes : n => r.path }
}

output "reseller_api_key_ids" {
  description = "API key ID (not its value) by reseller partner. Known after apply."
  value       = { for n, k in aws_api_gateway_api_key.reseller : n => k.id }
}
