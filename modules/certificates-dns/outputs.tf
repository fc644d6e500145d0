output "regional_certificate_arn" {
  description = "ARN of the regional certificate (api.<environment> and *.<environment>) once ACM has issued it: for the API Gateway custom domain."
  value       = aws_acm_certificate_validation.regional.certificate_arn
}

output "cloudfront_certificate_arn" {
  description = "ARN of the us-east-1 certificate (app.<environment>) once ACM has issued it: for the CloudFront distribution."
  value       = aws_acm_certificate_validation.cloudfront.certificate_arn
}

output "api_hostname" {
  description = "Public API hostname, <api_host>.<environment domain>; known at plan time."
  value       = local.api_hostname
}

output "app_hostname" {
  description = "Web app hostname, <app_host>.<environment domain>; known at plan time (the CloudFront alias)."
  value       = local.app_hostname
}

output "validation_record_fqdns" {
  description = "FQDNs of the ACM validation records in the DNS account's zone, by certificate name."
  value       = { for name, r in aws_route53_record.validation : name => r.fqdn }
}

output "public_records" {
  description = "The one authoritative record of each public hostname: name => type and target (Route 53 in the DNS account). Known at plan except alias targets."
  value = merge(
    { for k, r in aws_route53_record.cloudflare : r.name => { type = "CNAME", target = one(r.records) } },
    # (Grouped: api_host == app_host is refused by a precondition, not here.)
    { for n, l in { for k, a in local.aliases : a.name => { type = "ALIAS", target = a.target }... if !local.cloudflare_proxied && a.type == "A" } : n => l[0] },
  )
}
