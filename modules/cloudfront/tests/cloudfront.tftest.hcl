# Guarantees of the cloudfront module, planned against the real AWS provider
# schema. One run per guarantee; the negative runs prove the inputs that must
# be refused are refused.

provider "aws" {
  region = "ap-southeast-1"
}

# Used where a computed value must be known for an assertion: the
# distribution's ARN (the OAC condition) and the security headers policy ID.
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_cloudfront_distribution" {
    defaults = {
      id             = "E2QWRUHAPOMQZL"
      arn            = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL"
      domain_name    = "d111111abcdef8.cloudfront.net"
      hosted_zone_id = "Z2FDTNDATAQYW2"
    }
  }

  mock_resource "aws_cloudfront_response_headers_policy" {
    defaults = {
      id = "security-headers-policy-id"
    }
  }

  mock_resource "aws_cloudfront_origin_access_control" {
    defaults = {
      id = "E3OACEXAMPLE01"
    }
  }

  mock_resource "aws_s3_bucket" {
    defaults = {
      bucket_regional_domain_name = "lookcard-test-cdn-assets-123456789012.s3.ap-southeast-1.amazonaws.com"
    }
  }

  mock_data "aws_canonical_user_id" {
    defaults = {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}

variables {
  name_prefix       = "lookcard-test"
  account_id        = "123456789012"
  aliases           = ["app.develop.lookcard.com"]
  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/22222222-2222-2222-2222-222222222222"
  app_runner_domain = "abc123xyz.ap-southeast-1.awsapprunner.com"
  logging           = { retention_days = 365 }
}

run "https_is_enforced_on_every_behaviour" {
  command = plan

  assert {
    condition = alltrue(concat(
      [for b in aws_cloudfront_distribution.this.default_cache_behavior : b.viewer_protocol_policy == "redirect-to-https"],
      [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.viewer_protocol_policy == "redirect-to-https"],
    ))
    error_message = "Every cache behaviour must redirect HTTP to HTTPS; allow-all is never acceptable."
  }

  assert {
    condition     = length(aws_cloudfront_distribution.this.ordered_cache_behavior) == 2 && length(aws_cloudfront_distribution.this.default_cache_behavior) == 1
    error_message = "The default behaviour and the two asset behaviours must all be covered."
  }
}

run "viewers_get_tls_1_2_2021_with_sni_and_the_given_certificate" {
  command = plan

  assert {
    condition = (
      aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version == "TLSv1.2_2021" &&
      aws_cloudfront_distribution.this.viewer_certificate[0].ssl_support_method == "sni-only" &&
      aws_cloudfront_distribution.this.viewer_certificate[0].acm_certificate_arn == "arn:aws:acm:us-east-1:123456789012:certificate/22222222-2222-2222-2222-222222222222" &&
      aws_cloudfront_distribution.this.viewer_certificate[0].cloudfront_default_certificate != true
    )
    error_message = "Viewers must get the ACM certificate over SNI with TLSv1.2_2021 as the minimum security policy."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.aliases == toset(["app.develop.lookcard.com"])
    error_message = "The distribution must answer to the given aliases."
  }
}

run "app_runner_origin_is_https_only_tls_1_2_and_the_default" {
  command = plan

  assert {
    condition = alltrue([for o in aws_cloudfront_distribution.this.origin : (
      o.domain_name == "abc123xyz.ap-southeast-1.awsapprunner.com" &&
      o.custom_origin_config[0].origin_protocol_policy == "https-only" &&
      o.custom_origin_config[0].origin_ssl_protocols == toset(["TLSv1.2"]) &&
      o.custom_origin_config[0].https_port == 443
    ) if o.origin_id == "app-runner"])
    error_message = "The App Runner origin must be reached over HTTPS only with TLS 1.2."
  }

  assert {
    condition     = length([for o in aws_cloudfront_distribution.this.origin : o if o.origin_id == "app-runner"]) == 1 && aws_cloudfront_distribution.this.default_cache_behavior[0].target_origin_id == "app-runner"
    error_message = "App Runner must be the default origin."
  }

  assert {
    condition = alltrue(flatten([for o in aws_cloudfront_distribution.this.origin : [
      for c in o.custom_origin_config : c.origin_protocol_policy == "https-only" && !contains(c.origin_ssl_protocols, "TLSv1") && !contains(c.origin_ssl_protocols, "TLSv1.1") && !contains(c.origin_ssl_protocols, "SSLv3")
    ]]))
    error_message = "No custom origin may be reached over HTTP or a deprecated SSL/TLS protocol."
  }
}

# The managed policy IDs come from the data sources, whose id the offline
# provider cannot fill in (and tests may not override); the comparisons below
# hold trivially offline and bite against the real provider. The names and
# the routing are checked exactly.
run "asset_paths_go_to_the_s3_origin_cached_and_the_rest_to_app_runner_uncached" {
  command = plan

  assert {
    condition = (
      [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.path_pattern] == ["/_next/static/*", "/assets/*"] &&
      alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : (
        b.target_origin_id == "assets" &&
        b.allowed_methods == toset(["GET", "HEAD"]) &&
        b.cache_policy_id == data.aws_cloudfront_cache_policy.caching_optimized.id &&
        b.origin_request_policy_id == null
      )])
    )
    error_message = "/_next/static/* and /assets/* must be read-only from the assets bucket with the managed CachingOptimized policy and no viewer headers forwarded."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.this.default_cache_behavior[0].target_origin_id == "app-runner" &&
      aws_cloudfront_distribution.this.default_cache_behavior[0].cache_policy_id == data.aws_cloudfront_cache_policy.caching_disabled.id &&
      aws_cloudfront_distribution.this.default_cache_behavior[0].origin_request_policy_id == data.aws_cloudfront_origin_request_policy.all_viewer_except_host_header.id &&
      contains(aws_cloudfront_distribution.this.default_cache_behavior[0].allowed_methods, "POST")
    )
    error_message = "Everything else must go to App Runner uncached (CachingDisabled), with viewer requests minus Host (AllViewerExceptHostHeader) and every method."
  }

  assert {
    condition = (
      data.aws_cloudfront_cache_policy.caching_optimized.name == "Managed-CachingOptimized" &&
      data.aws_cloudfront_cache_policy.caching_disabled.name == "Managed-CachingDisabled" &&
      data.aws_cloudfront_origin_request_policy.all_viewer_except_host_header.name == "Managed-AllViewerExceptHostHeader"
    )
    error_message = "The AWS managed policies must be looked up by their names."
  }
}

run "response_headers_policy_sets_hsts_nosniff_frame_deny_referrer_and_csp" {
  command = plan

  assert {
    condition = (
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].access_control_max_age_sec == 63072000 &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].include_subdomains == true &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].preload == true &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].override == true
    )
    error_message = "HSTS must be max-age=63072000; includeSubDomains; preload, overriding the origin."
  }

  assert {
    condition = (
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_type_options[0].override == true &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].frame_options[0].frame_option == "DENY" &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].referrer_policy[0].referrer_policy == "strict-origin-when-cross-origin"
    )
    error_message = "The policy must send X-Content-Type-Options nosniff, X-Frame-Options DENY and Referrer-Policy strict-origin-when-cross-origin."
  }

  assert {
    condition = (
      strcontains(aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy, "default-src 'self'") &&
      strcontains(aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy, "frame-ancestors 'none'") &&
      strcontains(aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy, "object-src 'none'")
    )
    error_message = "The default Content-Security-Policy must be same-origin, unframeable and plugin-free."
  }
}

run "assets_bucket_blocks_public_access_and_disables_acls" {
  command = plan

  assert {
    condition = (
      module.assets_bucket.public_access_block.block_public_acls &&
      module.assets_bucket.public_access_block.block_public_policy &&
      module.assets_bucket.public_access_block.ignore_public_acls &&
      module.assets_bucket.public_access_block.restrict_public_buckets
    )
    error_message = "The assets bucket must block every form of public access."
  }

  assert {
    condition     = module.assets_bucket.object_ownership == "BucketOwnerEnforced"
    error_message = "The assets bucket must have ACLs disabled (BucketOwnerEnforced)."
  }

  assert {
    condition     = module.assets_bucket.versioning_status == "Enabled"
    error_message = "The assets bucket must be versioned."
  }
}

run "assets_bucket_uses_sse_s3_without_a_key" {
  command = plan

  assert {
    condition     = module.assets_bucket.server_side_encryption.sse_algorithm == "AES256" && module.assets_bucket.server_side_encryption.bucket_key_enabled == false
    error_message = "Without assets.kms_key_arn the assets bucket must use SSE-S3."
  }
}

run "assets_bucket_uses_sse_kms_with_the_given_key" {
  command = plan

  variables {
    assets = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111" }
  }

  assert {
    condition = module.assets_bucket.server_side_encryption == {
      sse_algorithm      = "aws:kms"
      kms_master_key_id  = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      bucket_key_enabled = true
    }
    error_message = "With assets.kms_key_arn the assets bucket must use SSE-KMS with that key and an S3 Bucket Key."
  }
}

run "access_logging_goes_to_the_log_bucket" {
  command = plan

  assert {
    condition = (
      aws_cloudfront_distribution.this.logging_config[0].bucket == "lookcard-test-cdn-logs-123456789012.s3.amazonaws.com" &&
      aws_cloudfront_distribution.this.logging_config[0].prefix == "cloudfront/" &&
      aws_cloudfront_distribution.this.logging_config[0].include_cookies == false &&
      module.logs_bucket.name == "lookcard-test-cdn-logs-123456789012"
    )
    error_message = "Standard access logs must be written to the module's log bucket under cloudfront/, without cookies."
  }

  assert {
    condition     = alltrue([for r in module.logs_bucket.lifecycle_rules : r.status == "Enabled" && r.expiration[0].days == 365]) && length(module.logs_bucket.lifecycle_rules) == 1
    error_message = "Access logs must expire after logging.retention_days."
  }

  assert {
    condition = (
      module.logs_bucket.public_access_block.block_public_acls &&
      module.logs_bucket.public_access_block.block_public_policy &&
      module.logs_bucket.public_access_block.ignore_public_acls &&
      module.logs_bucket.public_access_block.restrict_public_buckets &&
      module.logs_bucket.versioning_status == "Enabled"
    )
    error_message = "The log bucket must block public access and be versioned."
  }

  assert {
    condition     = anytrue([for s in jsondecode(module.logs_bucket.policy).Statement : s.Effect == "Deny" && s.Condition == { Bool = { "aws:SecureTransport" = "false" } }])
    error_message = "The log bucket must deny every request that is not over TLS."
  }
}

run "web_acl_is_attached_when_given" {
  command = plan

  variables {
    web_acl_arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/lookcard-test-cdn/33333333-3333-3333-3333-333333333333"
  }

  assert {
    condition     = aws_cloudfront_distribution.this.web_acl_id == "arn:aws:wafv2:us-east-1:123456789012:global/webacl/lookcard-test-cdn/33333333-3333-3333-3333-333333333333"
    error_message = "The given CLOUDFRONT web ACL must be attached to the distribution."
  }
}

run "no_web_acl_when_none_is_given" {
  command = plan

  assert {
    condition     = aws_cloudfront_distribution.this.web_acl_id == null
    error_message = "Without web_acl_arn no web ACL may be attached."
  }
}

run "price_class_covers_asia_by_default" {
  command = plan

  assert {
    condition     = aws_cloudfront_distribution.this.price_class == "PriceClass_200" && aws_cloudfront_distribution.this.price_class != "PriceClass_100"
    error_message = "The default price class must include Asia's edge locations (PriceClass_200), never PriceClass_100."
  }
}

run "distribution_is_enabled_with_ipv6_and_http3" {
  command = plan

  assert {
    condition = (
      aws_cloudfront_distribution.this.enabled &&
      aws_cloudfront_distribution.this.is_ipv6_enabled &&
      aws_cloudfront_distribution.this.http_version == "http2and3" &&
      aws_cloudfront_distribution.this.restrictions[0].geo_restriction[0].restriction_type == "none"
    )
    error_message = "The distribution must be enabled, dual-stack, HTTP/2 and HTTP/3, without geo restriction."
  }
}

run "names_fit_s3_limits_with_the_longest_prefix" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
  }

  assert {
    condition     = length(module.assets_bucket.name) <= 63 && length(module.logs_bucket.name) <= 63
    error_message = "Bucket names must fit S3's 63 characters with a long name_prefix."
  }

  assert {
    condition = (
      module.assets_bucket.name == "lookcard-sandbox-feature-x1y2-cdn-assets-123456789012" &&
      aws_cloudfront_origin_access_control.assets.name == "lookcard-sandbox-feature-x1y2-cdn-assets" &&
      aws_cloudfront_response_headers_policy.security.name == "lookcard-sandbox-feature-x1y2-cdn-security-headers"
    )
    error_message = "Names must be <name_prefix>-cdn-<component> (buckets also end in the account ID)."
  }
}

run "resources_are_named_and_tagged_for_the_web_app" {
  command = plan

  assert {
    condition = (
      aws_cloudfront_distribution.this.tags == tomap({ Name = "lookcard-test-cdn", Service = "web-app" }) &&
      module.assets_bucket.tags_all == tomap({ Name = "lookcard-test-cdn-assets-123456789012", Service = "web-app" })
    )
    error_message = "Resources must carry Name and Service = web-app (the rest comes from default_tags)."
  }
}

# ── Refused inputs ─────────────────────────────────────────────────────────

run "rejects_a_price_class_that_does_not_exist" {
  command = plan

  variables {
    price_class = "PriceClass_Asia"
  }

  expect_failures = [var.price_class]
}

run "rejects_an_alias_that_is_not_a_hostname" {
  command = plan

  variables {
    aliases = ["https://app.develop.lookcard.com/"]
  }

  expect_failures = [var.aliases]
}

run "rejects_a_certificate_from_another_region_than_us_east_1" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:ap-southeast-1:123456789012:certificate/22222222-2222-2222-2222-222222222222"
  }

  expect_failures = [var.certificate_arn]
}

run "rejects_a_regional_web_acl" {
  command = plan

  variables {
    web_acl_arn = "arn:aws:wafv2:ap-southeast-1:123456789012:regional/webacl/lookcard-test-api/33333333-3333-3333-3333-333333333333"
  }

  expect_failures = [var.web_acl_arn]
}

run "rejects_an_app_runner_url_with_a_scheme" {
  command = plan

  variables {
    app_runner_domain = "https://abc123xyz.ap-southeast-1.awsapprunner.com"
  }

  expect_failures = [var.app_runner_domain]
}

run "rejects_a_kms_alias_for_the_assets_key" {
  command = plan

  variables {
    assets = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-data" }
  }

  expect_failures = [var.assets]
}

run "rejects_a_log_retention_of_zero_days" {
  command = plan

  variables {
    logging = { retention_days = 0 }
  }

  expect_failures = [var.logging]
}

run "rejects_a_csp_that_allows_framing" {
  command = plan

  variables {
    content_security_policy = "default-src 'self'; frame-ancestors *"
  }

  expect_failures = [var.content_security_policy]
}

# Runs that assert values only the mocks know (IDs, ARNs, domain names)
# apply against the mock providers: Terraform's mocks fill computed values at
# apply only (OpenTofu's already at plan), so a plan run could not know them
# on both engines. They come last, so that no plan run above starts from
# their state.

run "every_behaviour_sends_the_security_headers" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = alltrue(concat(
      [for b in aws_cloudfront_distribution.this.default_cache_behavior : b.response_headers_policy_id == "security-headers-policy-id"],
      [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.response_headers_policy_id == "security-headers-policy-id"],
    ))
    error_message = "Every behaviour, assets included, must attach the security headers policy."
  }
}

run "assets_bucket_policy_is_tls_only_and_admits_only_this_distribution_through_oac" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = one([for s in jsondecode(module.assets_bucket.policy).Statement : s if s.Sid == "DenyInsecureTransport"]) == {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::lookcard-test-cdn-assets-123456789012", "arn:aws:s3:::lookcard-test-cdn-assets-123456789012/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }
    error_message = "The assets bucket must deny every request that is not over TLS."
  }

  assert {
    condition = one([for s in jsondecode(module.assets_bucket.policy).Statement : s if s.Effect == "Allow"]) == {
      Sid       = "CloudFrontOacReadsForThisDistributionOnly"
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::lookcard-test-cdn-assets-123456789012/*"
      Condition = { StringEquals = { "AWS:SourceArn" = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL" } }
    }
    error_message = "The only grant must be s3:GetObject to CloudFront, limited by AWS:SourceArn to this distribution."
  }

  assert {
    condition = (
      aws_cloudfront_origin_access_control.assets.origin_access_control_origin_type == "s3" &&
      aws_cloudfront_origin_access_control.assets.signing_behavior == "always" &&
      aws_cloudfront_origin_access_control.assets.signing_protocol == "sigv4"
    )
    error_message = "Origin Access Control must always sign S3 requests with SigV4."
  }

  assert {
    condition = alltrue([for o in aws_cloudfront_distribution.this.origin : (
      o.origin_access_control_id == "E3OACEXAMPLE01" &&
      o.domain_name == "lookcard-test-cdn-assets-123456789012.s3.ap-southeast-1.amazonaws.com" &&
      length(o.s3_origin_config) == 0
    ) if o.origin_id == "assets"])
    error_message = "The assets origin must be the bucket's regional endpoint reached through OAC (no legacy OAI)."
  }
}

run "log_bucket_admits_only_the_owner_and_the_log_delivery_account" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = module.logs_bucket.object_ownership == "BucketOwnerPreferred"
    error_message = "CloudFront standard logging needs ACLs: the log bucket must be BucketOwnerPreferred."
  }

  assert {
    condition = toset(module.logs_bucket.acl_grants) == toset([
      "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be=FULL_CONTROL",
      "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0=FULL_CONTROL",
    ])
    error_message = "The log bucket ACL must grant the bucket owner and the awslogsdelivery account, nobody else."
  }
}

run "outputs_expose_the_distribution_and_the_assets_bucket" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = (
      output.distribution_id == "E2QWRUHAPOMQZL" &&
      output.distribution_arn == "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL" &&
      output.domain_name == "d111111abcdef8.cloudfront.net" &&
      output.hosted_zone_id == "Z2FDTNDATAQYW2"
    )
    error_message = "The outputs must be the distribution's ID, ARN, domain name and hosted zone ID."
  }

  assert {
    condition     = output.assets_bucket == { name = "lookcard-test-cdn-assets-123456789012", arn = "arn:aws:s3:::lookcard-test-cdn-assets-123456789012" }
    error_message = "assets_bucket must give the bucket's name and ARN."
  }
}

# ── Edge integrity (issue 20) ──────────────────────────────────────────────
run "app_runner_origin_carries_the_origin_secret" {
  command = plan

  variables {
    origin_verify_header_name  = "x-origin-verify"
    origin_verify_header_value = "s3cr3t"
  }

  assert {
    condition = alltrue([for o in aws_cloudfront_distribution.this.origin : (
      length(o.custom_header) == 1 && one(o.custom_header).name == "x-origin-verify" && one(o.custom_header).value == "s3cr3t"
    ) if o.origin_id == "app-runner"])
    error_message = "CloudFront adds the origin secret App Runner's web ACL admits."
  }

  assert {
    condition     = alltrue([for o in aws_cloudfront_distribution.this.origin : length(o.custom_header) == 0 if o.origin_id == "assets"])
    error_message = "The S3 assets origin (OAC-signed) gets no origin header."
  }
}

run "no_origin_header_without_a_name" {
  command = plan

  assert {
    condition     = alltrue([for o in aws_cloudfront_distribution.this.origin : length(o.custom_header) == 0])
    error_message = "Without origin_verify_header_name no header is added."
  }
}
