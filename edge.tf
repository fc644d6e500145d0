# Edge and traffic: Cloudflare → API Gateway (custom domain, mutual TLS with
# Cloudflare's origin-pull certificate) → VPC link → internal NLB → internal
# ALB → ECS services; Cloudflare → CloudFront → App Runner (admitted only with
# CloudFront's origin secret) for the web app; Cloud Map for internal calls.
# DNS authority and the request path: docs/request-path.md.

locals {
  # lookcard.com in production, <subdomain>.lookcard.com elsewhere, and
  # <preview>.<subdomain>.lookcard.com for a sandbox preview.
  environment_domain = join(".", compact([var.preview, var.dns.subdomain, var.domain_name]))

  public_ecs_services = { for n, s in module.catalog.ecs_services : n => s if s.exposure == "public" }
  api_routes = { for n, s in local.public_ecs_services : n => {
    path      = s.route.path
    sensitive = s.route.sensitive
  } if try(s.route.path, null) != null }
}

module "service_discovery" {
  source = "./modules/service-discovery"

  name_prefix    = local.name_prefix
  namespace_name = "${var.preview == "" ? var.environment : "${var.preview}.${var.environment}"}.lookcard.internal"
  vpc_id         = module.network.vpc_id
}

module "certificates_dns" {
  source = "./modules/certificates-dns"
  providers = {
    aws           = aws
    aws.dns       = aws.dns
    aws.us_east_1 = aws.us_east_1
    cloudflare    = cloudflare
  }

  domains    = { apex = var.domain_name, environment = local.environment_domain }
  cloudflare = var.cloudflare.zone_id == null ? null : { zone_id = var.cloudflare.zone_id, proxied = var.cloudflare.proxied }
  targets = {
    api_regional_domain_name = module.api_gateway.domain_regional_domain_name
    api_regional_zone_id     = module.api_gateway.domain_regional_zone_id
    cloudfront_domain_name   = module.cloudfront.domain_name
    cloudfront_zone_id       = module.cloudfront.hosted_zone_id
  }
}

module "load_balancers" {
  source = "./modules/load-balancers"

  name_prefix            = local.name_prefix
  account_id             = local.account_id
  region                 = var.aws_region
  vpc_id                 = module.network.vpc_id
  private_subnet_ids     = module.network.subnet_ids.private
  alb_security_group_id  = module.security_groups.alb_security_group_id
  nlb_security_group_ids = [module.security_groups.nlb_security_group_id]
  certificate_arn        = module.certificates_dns.regional_certificate_arn
  deletion_protection    = var.edge.deletion_protection
  access_logs            = { retention_days = var.logs.retention_in_days }
  domain_name            = local.environment_domain
  services = { for n, s in local.public_ecs_services : n => {
    port         = s.port
    health_check = s.health_check
    route        = s.route
  } }
}

module "api_gateway" {
  source = "./modules/api-gateway"

  permissions_boundary_arn = local.permissions_boundary_arn
  name_prefix              = local.name_prefix
  account_id               = local.account_id
  region                   = var.aws_region
  domain_name              = "api.${local.environment_domain}"
  certificate_arn          = module.certificates_dns.regional_certificate_arn
  nlb = {
    arn      = module.load_balancers.nlb_arn
    dns_name = module.load_balancers.nlb_dns_name
  }
  routes = local.api_routes
  # Behind Cloudflare only its edge may connect (Authenticated Origin Pulls).
  mutual_tls = local.edge_behind_cloudflare ? { kms_key_arn = module.kms.key_arns["data"] } : null
  # The ALB's web ACL admits only requests carrying this (waf.tf).
  origin_verify_header_name  = "x-origin-verify"
  origin_verify_header_value = module.waf_origins.origin_verify_header.value
  api_key_routes             = [for n in keys(local.api_routes) : n if n == "reseller-api"]
  throttling                 = var.edge.throttling
  resellers                  = var.edge.resellers
  logs = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
  # The API Gateway CloudWatch role is account-wide: previews leave it to the environment.
  manage_account_cloudwatch_role = var.preview == ""
}

module "cloudfront" {
  source = "./modules/cloudfront"

  name_prefix       = local.name_prefix
  account_id        = local.account_id
  aliases           = [module.certificates_dns.app_hostname]
  certificate_arn   = module.certificates_dns.cloudfront_certificate_arn
  app_runner_domain = module.web_app.service_url
  assets            = { kms_key_arn = module.kms.key_arns["data"] }
  logging           = { retention_days = var.logs.retention_in_days }
  web_acl_arn       = module.waf_cloudfront.web_acl_arn
  # App Runner's web ACL admits only requests carrying this (waf.tf).
  origin_verify_header_name  = "x-origin-verify"
  origin_verify_header_value = module.waf_origins.origin_verify_header.value
  # Same-origin by default; the browser also talks to this environment's API.
  content_security_policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' https://${module.certificates_dns.api_hostname}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"
}
