resource "aws_cloudfront_distribution" "this" {
  enabled         = true
  is_ipv6_enabled = true
  http_version    = "http2and3"
  comment         = "${var.service_name} of ${var.name_prefix}"
  aliases         = var.aliases
  price_class     = var.price_class
  web_acl_id      = var.web_acl_arn

  # Default origin: the App Runner service, over HTTPS only, TLS 1.2.
  origin {
    origin_id   = local.app_runner_origin_id
    domain_name = var.app_runner_domain

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }

    # The secret the origin's web ACL admits: App Runner's own address
    # answers only requests that came through this distribution.
    dynamic "custom_header" {
      for_each = var.origin_verify_header_name == null ? [] : [var.origin_verify_header_name]
      content {
        name  = custom_header.value
        value = var.origin_verify_header_value
      }
    }
  }

  # Static assets: the private bucket, signed requests through OAC.
  origin {
    origin_id                = local.assets_origin_id
    domain_name              = module.assets_bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.assets.id
  }

  # Pages, API routes and server actions: every method, never cached, viewer
  # headers, cookies and query strings forwarded (except Host).
  default_cache_behavior {
    target_origin_id           = local.app_runner_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    cache_policy_id            = data.aws_cloudfront_cache_policy.caching_disabled.id
    origin_request_policy_id   = data.aws_cloudfront_origin_request_policy.all_viewer_except_host_header.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
    compress                   = true
  }

  # Fingerprinted static files: read-only, cached at the edge.
  dynamic "ordered_cache_behavior" {
    for_each = local.asset_paths
    content {
      path_pattern               = ordered_cache_behavior.value
      target_origin_id           = local.assets_origin_id
      viewer_protocol_policy     = "redirect-to-https"
      allowed_methods            = ["GET", "HEAD"]
      cached_methods             = ["GET", "HEAD"]
      cache_policy_id            = data.aws_cloudfront_cache_policy.caching_optimized.id
      response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
      compress                   = true
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  logging_config {
    bucket          = local.logs_bucket_domain_name
    prefix          = local.logs_prefix
    include_cookies = false
  }

  tags = local.tags

  # Logging is turned on only once the log bucket (its ACL included) admits
  # the log delivery account (the bucket is referenced by name, not by
  # attribute).
  depends_on = [module.logs_bucket]
}
