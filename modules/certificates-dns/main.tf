# Public names of one environment. DNS authority (docs/request-path.md): the
# DNS account's Route 53 zone is authoritative and publishes every public
# name exactly once, and the ACM validation records. With a proxied
# Cloudflare zone (Cloudflare's partial, CNAME setup) Route 53 points each
# name at <name>.cdn.cloudflare.net and the Cloudflare zone holds the proxied
# record that tells Cloudflare's edge the origin; without one, Route 53
# aliases the names to API Gateway and CloudFront directly.
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

  # Cloudflare proxies the public names only with a zone and proxied = true.
  cloudflare_proxied = try(var.cloudflare.proxied, false) == true
}

# The public zone lives in the DNS account: read (and later written) through
# the aws.dns provider, which assumes a role there.
data "aws_route53_zone" "public" {
  provider = aws.dns

  name         = local.hosted_zone
  private_zone = false
}
