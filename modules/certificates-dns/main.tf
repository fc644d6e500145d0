# Public names of one environment: ACM certificates (regional for the API,
# us-east-1 for CloudFront) validated by DNS in the separate DNS account, the
# Route 53 aliases that point the names at API Gateway and CloudFront, and,
# when a Cloudflare zone is given, the same names as Cloudflare records.
#
# Every name is built from inputs, so every for_each key is known at plan
# time even though ACM's validation records are not known until apply.

locals {
  hosted_zone = coalesce(var.domains.hosted_zone, var.domains.apex)

  api_hostname = "${var.api_host}.${var.domains.environment}"
  app_hostname = "${var.app_host}.${var.domains.environment}"
  wildcard     = "*.${var.domains.environment}"

  # Names each certificate covers; the first is its domain_name.
  certificate_names = {
    regional   = [local.api_hostname, local.wildcard]
    cloudfront = [local.app_hostname]
  }

  # One DNS validation record per certificate name, keyed by the name.
  validation_names = merge([for cert, names in local.certificate_names : { for n in names : n => cert }]...)
}

# The public zone lives in the DNS account: read (and later written) through
# the aws.dns provider, which assumes a role there.
data "aws_route53_zone" "public" {
  provider = aws.dns

  name         = local.hosted_zone
  private_zone = false
}
