# Route 53 records, all in the DNS account's public zone (provider aws.dns).

# ACM DNS validation. Keyed by the certificate names from the inputs (known at
# plan); the record itself comes from ACM. allow_overwrite: ACM gives every
# certificate for the same name in this account the same record, so a
# replacement certificate (create_before_destroy) or a re-created environment
# finds its record already there.
resource "aws_route53_record" "validation" {
  provider = aws.dns
  for_each = local.validation_names

  zone_id         = data.aws_route53_zone.public.zone_id
  name            = local.validation_options[each.value][each.key].resource_record_name
  type            = local.validation_options[each.value][each.key].resource_record_type
  records         = [local.validation_options[each.value][each.key].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

locals {
  aliases = {
    "api/A" = {
      name    = local.api_hostname
      type    = "A"
      target  = var.targets.api_regional_domain_name
      zone_id = var.targets.api_regional_zone_id
    }
    "app/A" = {
      name    = local.app_hostname
      type    = "A"
      target  = var.targets.cloudfront_domain_name
      zone_id = var.targets.cloudfront_zone_id
    }
    # The distribution serves IPv6 too (is_ipv6_enabled in modules/cloudfront).
    "app/AAAA" = {
      name    = local.app_hostname
      type    = "AAAA"
      target  = var.targets.cloudfront_domain_name
      zone_id = var.targets.cloudfront_zone_id
    }
  }
}

# Alias records (without a proxying Cloudflare zone): free, resolved inside
# Route 53, and they follow the target's addresses. The targets are
# AWS-managed endpoints whose health Route 53 cannot usefully judge, so
# target health is not evaluated.
resource "aws_route53_record" "alias" {
  provider = aws.dns
  for_each = local.cloudflare_proxied ? {} : local.aliases

  zone_id = data.aws_route53_zone.public.zone_id
  name    = each.value.name
  type    = each.value.type

  alias {
    name                   = each.value.target
    zone_id                = each.value.zone_id
    evaluate_target_health = false
  }
}

# Behind Cloudflare (partial setup): the one public record of each name sends
# resolvers to Cloudflare's edge, which proxies to the origin named in the
# Cloudflare zone (cloudflare.tf). Route 53 stays the authority.
resource "aws_route53_record" "cloudflare" {
  provider = aws.dns
  for_each = local.cloudflare_proxied ? { api = local.api_hostname, app = local.app_hostname } : {}

  zone_id = data.aws_route53_zone.public.zone_id
  name    = each.value
  type    = "CNAME"
  ttl     = 300
  records = ["${each.value}.cdn.cloudflare.net"]
}
