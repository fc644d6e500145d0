# The same public names in Cloudflare, only when a zone is given.

locals {
  cloudflare_records = var.cloudflare == null ? {} : {
    api = { name = local.api_hostname, content = var.targets.api_regional_domain_name }
    app = { name = local.app_hostname, content = var.targets.cloudfront_domain_name }
  }
}

resource "cloudflare_dns_record" "host" {
  for_each = local.cloudflare_records

  zone_id = var.cloudflare.zone_id
  name    = each.value.name
  type    = "CNAME"
  content = each.value.content
  proxied = var.cloudflare.proxied
  # 1 is Cloudflare's "automatic", the only TTL a proxied record takes.
  ttl     = var.cloudflare.proxied ? 1 : 300
  comment = "${each.key}: managed by Terraform (lookcard certificates-dns)"
}

# ACM's validation records, DNS-only (a proxied CNAME would not resolve to
# ACM's target). When Cloudflare is the zone the public resolves, these are
# what lets ACM issue and renew; when Route 53 is, they are inert.
resource "cloudflare_dns_record" "validation" {
  for_each = var.cloudflare == null ? {} : local.validation_names

  zone_id = var.cloudflare.zone_id
  name    = trimsuffix(local.validation_options[each.value][each.key].resource_record_name, ".")
  type    = local.validation_options[each.value][each.key].resource_record_type
  content = trimsuffix(local.validation_options[each.value][each.key].resource_record_value, ".")
  proxied = false
  ttl     = 300
  comment = "ACM validation of ${each.key}: managed by Terraform (lookcard certificates-dns)"
}
