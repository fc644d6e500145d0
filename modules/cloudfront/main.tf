# The web app's CDN: one CloudFront distribution in front of the App Runner
# service (dynamic pages, never cached) and a private S3 bucket of static
# assets (cached, read through Origin Access Control), with security headers
# on every response, viewer TLS 1.2+, TLS 1.2 to the origins, standard access
# logs and an optional WAF web ACL.
#
# The resources are split by concern: assets.tf (the assets bucket), logs.tf
# (the log bucket), both modules/s3-bucket, distribution.tf (the
# distribution); this file holds the names, the CloudFront policies and the
# managed policies looked up by name.

locals {
  name = "${var.name_prefix}-cdn"

  # S3 names are global: the account ID makes them unique. The longest
  # name_prefix (39 characters) gives 63 and 61, within S3's 63.
  assets_bucket_name = "${var.name_prefix}-cdn-assets-${var.account_id}"
  logs_bucket_name   = "${var.name_prefix}-cdn-logs-${var.account_id}"

  assets_bucket_arn = "arn:aws:s3:::${local.assets_bucket_name}"

  # Paths served from the assets bucket; everything else goes to App Runner.
  asset_paths = ["/_next/static/*", "/assets/*"]

  app_runner_origin_id = "app-runner"
  assets_origin_id     = "assets"

  tags = {
    Name    = local.name
    Service = var.service_name
  }
}

# AWS managed policies, looked up by name rather than pasted as IDs.
data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  name = "Managed-CachingDisabled"
}

# Every viewer header, cookie and query string except Host: App Runner routes
# on its own host name, so Host must be the origin's.
data "aws_cloudfront_origin_request_policy" "all_viewer_except_host_header" {
  name = "Managed-AllViewerExceptHostHeader"
}

# Always sign origin requests to S3 (SigV4); the bucket policy admits only
# this distribution.
resource "aws_cloudfront_origin_access_control" "assets" {
  name                              = "${local.name}-assets"
  description                       = "CloudFront of ${var.name_prefix} reads the static assets bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Security headers on every response, overriding whatever the origin sends.
resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${local.name}-security-headers"
  comment = "Security headers of the ${var.service_name} CDN of ${var.name_prefix}"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000 # two years, the preload list's expectation
      include_subdomains         = true
      preload                    = true
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }

    content_security_policy {
      content_security_policy = var.content_security_policy
      override                = true
    }
  }
}
