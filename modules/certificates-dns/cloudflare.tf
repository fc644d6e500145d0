# Cloudflare's side of the partial (CNAME) setup, only when a zone is given
# and proxied: the proxied record that tells Cloudflare's edge which origin
# serves each name. Route 53 is the authority (records.tf); the validation
# records live there only, so ACM validates where the names resolve.

locals {
  cloudflare_records = !local.cloudflare_proxied ? {} : {
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
