# Guarantees of the certificates-dns module, planned against the real AWS and
# Cloudflare provider schemas. One run per guarantee; the negative runs prove
# the inputs that must be refused are refused.

provider "aws" {
  region = "ap-southeast-1"
}

provider "aws" {
  alias  = "dns"
  region = "ap-southeast-1"
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

provider "cloudflare" {}

# The run that applies Cloudflare records applies them against a mock: the
# offline provider plans only.
mock_provider "cloudflare" {
  alias = "mock"
}

# Mocks stand in for the three AWS configurations where a computed value must
# be known: each one answers with values that name its own account or region,
# so an assertion can tell which provider planned a resource.
mock_provider "aws" {
  alias = "app_mock"

  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:ap-southeast-1:123456789012:certificate/11111111-1111-1111-1111-111111111111"
      domain_validation_options = [
        {
          domain_name           = "api.develop.lookcard.com"
          resource_record_name  = "_a1.api.develop.lookcard.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_v1.acm-validations.aws."
        },
        {
          domain_name           = "*.develop.lookcard.com"
          resource_record_name  = "_a2.develop.lookcard.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_v2.acm-validations.aws."
        },
      ]
    }
  }

  mock_data "aws_route53_zone" {
    defaults = {
      zone_id = "ZAPPLICATIONACCOUNT"
    }
  }

  mock_resource "aws_route53_record" {
    defaults = {
      id   = "planned-in-the-application-account"
      fqdn = "planned-in-the-application-account"
    }
  }
}

mock_provider "aws" {
  alias = "dns_mock"

  mock_data "aws_route53_zone" {
    defaults = {
      zone_id = "ZDNSACCOUNTZONE"
    }
  }

  mock_resource "aws_route53_record" {
    defaults = {
      id = "planned-in-the-dns-account"
    }
  }
}

mock_provider "aws" {
  alias = "us_east_1_mock"

  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:us-east-1:123456789012:certificate/22222222-2222-2222-2222-222222222222"
      domain_validation_options = [
        {
          domain_name           = "app.develop.lookcard.com"
          resource_record_name  = "_a3.app.develop.lookcard.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_v3.acm-validations.aws."
        },
      ]
    }
  }
}

variables {
  domains = {
    apex        = "lookcard.com"
    environment = "develop.lookcard.com"
  }
  targets = {
    api_regional_domain_name = "d-abc123def4.execute-api.ap-southeast-1.amazonaws.com"
    api_regional_zone_id     = "ZL327KTPIQFUL"
    cloudfront_domain_name   = "d111111abcdef8.cloudfront.net"
    cloudfront_zone_id       = "Z2FDTNDATAQYW2"
  }
}

run "certificates_cover_the_api_the_environment_wildcard_and_the_app_and_validate_by_dns" {
  command = plan

  assert {
    condition = (
      aws_acm_certificate.regional.domain_name == "api.develop.lookcard.com" &&
      aws_acm_certificate.regional.subject_alternative_names == toset(["*.develop.lookcard.com"]) &&
      aws_acm_certificate.regional.validation_method == "DNS"
    )
    error_message = "The regional certificate must cover api.<environment> and *.<environment> and validate by DNS."
  }

  assert {
    condition = (
      aws_acm_certificate.cloudfront.domain_name == "app.develop.lookcard.com" &&
      aws_acm_certificate.cloudfront.validation_method == "DNS"
    )
    error_message = "The CloudFront certificate must cover app.<environment> and validate by DNS."
  }

  assert {
    condition     = aws_acm_certificate.regional.key_algorithm == "RSA_2048" && aws_acm_certificate.cloudfront.key_algorithm == "RSA_2048"
    error_message = "Both certificates must use RSA 2048, which API Gateway, CloudFront and every client accept."
  }

  assert {
    condition = alltrue([for c in [aws_acm_certificate.regional, aws_acm_certificate.cloudfront] :
    c.options[0].certificate_transparency_logging_preference == "ENABLED"])
    error_message = "Public certificates must be logged to Certificate Transparency."
  }
}

run "hosted_zone_is_the_public_apex_zone_by_default" {
  command = plan

  assert {
    condition     = data.aws_route53_zone.public.name == "lookcard.com" && data.aws_route53_zone.public.private_zone == false
    error_message = "Records must go to the public zone of the apex unless another zone is named."
  }
}

run "a_delegated_environment_zone_can_hold_the_records" {
  command = plan

  variables {
    domains = {
      apex        = "lookcard.com"
      environment = "develop.lookcard.com"
      hosted_zone = "develop.lookcard.com"
    }
  }

  assert {
    condition     = data.aws_route53_zone.public.name == "develop.lookcard.com"
    error_message = "A hosted_zone under the apex that contains the environment must be used as given."
  }
}

run "production_environment_at_the_apex_gives_api_lookcard_com" {
  command = plan

  variables {
    domains = {
      apex        = "lookcard.com"
      environment = "lookcard.com"
    }
  }

  assert {
    condition     = output.api_hostname == "api.lookcard.com" && output.app_hostname == "app.lookcard.com"
    error_message = "In production (environment domain = apex) the hostnames must be api.lookcard.com and app.lookcard.com."
  }

  assert {
    condition = (
      aws_acm_certificate.regional.domain_name == "api.lookcard.com" &&
      aws_acm_certificate.regional.subject_alternative_names == toset(["*.lookcard.com"]) &&
      aws_acm_certificate.cloudfront.domain_name == "app.lookcard.com"
    )
    error_message = "Production certificates must cover api.lookcard.com, *.lookcard.com and app.lookcard.com."
  }
}

run "develop_environment_gives_api_develop_lookcard_com" {
  command = plan

  assert {
    condition     = output.api_hostname == "api.develop.lookcard.com" && output.app_hostname == "app.develop.lookcard.com"
    error_message = "In develop the hostnames must be api.develop.lookcard.com and app.develop.lookcard.com."
  }
}

run "host_labels_are_inputs" {
  command = plan

  variables {
    api_host = "gateway"
    app_host = "web"
  }

  assert {
    condition = (
      output.api_hostname == "gateway.develop.lookcard.com" &&
      output.app_hostname == "web.develop.lookcard.com" &&
      aws_route53_record.alias["api/A"].name == "gateway.develop.lookcard.com"
    )
    error_message = "api_host and app_host must name the hosts."
  }
}

run "no_cloudflare_records_without_a_zone" {
  command = plan

  assert {
    condition     = length(cloudflare_dns_record.host) == 0 && length(aws_route53_record.cloudflare) == 0 && length(aws_route53_record.alias) == 3
    error_message = "Without a Cloudflare zone (cloudflare = null) no Cloudflare record may be planned: Route 53 aliases the names to AWS."
  }
}

run "cloudflare_records_are_proxied_cnames_by_default" {
  command = plan

  variables {
    cloudflare = { zone_id = "0123456789abcdef0123456789abcdef" }
  }

  assert {
    condition = (
      cloudflare_dns_record.host["api"].name == "api.develop.lookcard.com" &&
      cloudflare_dns_record.host["api"].content == "d-abc123def4.execute-api.ap-southeast-1.amazonaws.com" &&
      cloudflare_dns_record.host["app"].name == "app.develop.lookcard.com" &&
      cloudflare_dns_record.host["app"].content == "d111111abcdef8.cloudfront.net"
    )
    error_message = "Cloudflare must publish api.<environment> -> the API Gateway regional domain and app.<environment> -> CloudFront."
  }

  assert {
    condition     = alltrue([for r in cloudflare_dns_record.host : r.type == "CNAME" && r.proxied == true && r.ttl == 1 && r.zone_id == "0123456789abcdef0123456789abcdef"])
    error_message = "Cloudflare host records must be CNAMEs in the given zone, proxied by default with the automatic TTL (1)."
  }
}

run "unproxied_cloudflare_leaves_the_names_to_route53" {
  command = plan

  variables {
    cloudflare = { zone_id = "0123456789abcdef0123456789abcdef", proxied = false }
  }

  assert {
    condition     = length(cloudflare_dns_record.host) == 0 && length(aws_route53_record.cloudflare) == 0 && length(aws_route53_record.alias) == 3
    error_message = "A zone that does not proxy adds nothing: Route 53 alone publishes the names (aliases to AWS), once each."
  }
}

# ── Refused inputs ─────────────────────────────────────────────────────────

run "rejects_environment_domain_outside_the_apex" {
  command = plan

  variables {
    domains = {
      apex        = "lookcard.com"
      environment = "develop.lookcard.net"
    }
  }

  expect_failures = [var.domains]
}

run "rejects_environment_domain_that_only_ends_like_the_apex" {
  command = plan

  variables {
    domains = {
      apex        = "lookcard.com"
      environment = "notlookcard.com"
    }
  }

  expect_failures = [var.domains]
}

run "rejects_hosted_zone_that_does_not_contain_the_environment" {
  command = plan

  variables {
    domains = {
      apex        = "lookcard.com"
      environment = "develop.lookcard.com"
      hosted_zone = "staging.lookcard.com"
    }
  }

  expect_failures = [var.domains]
}

run "rejects_host_label_that_is_not_a_dns_label" {
  command = plan

  variables {
    api_host = "Api_1"
  }

  expect_failures = [var.api_host]
}

run "rejects_app_host_that_is_not_a_dns_label" {
  command = plan

  variables {
    app_host = "app.web"
  }

  expect_failures = [var.app_host]
}

run "rejects_the_same_host_for_api_and_app" {
  command = plan

  variables {
    api_host = "www"
    app_host = "www"
  }

  expect_failures = [aws_acm_certificate.regional]
}

run "rejects_a_cloudflare_zone_id_that_is_not_one" {
  command = plan

  variables {
    cloudflare = { zone_id = "lookcard.com" }
  }

  expect_failures = [var.cloudflare]
}

run "rejects_an_api_target_that_is_not_a_regional_api_gateway_domain" {
  command = plan

  variables {
    targets = {
      api_regional_domain_name = "https://abc123.execute-api.ap-southeast-1.amazonaws.com/prod"
      api_regional_zone_id     = "ZL327KTPIQFUL"
      cloudfront_domain_name   = "d111111abcdef8.cloudfront.net"
      cloudfront_zone_id       = "Z2FDTNDATAQYW2"
    }
  }

  expect_failures = [var.targets]
}

# Runs that assert values only the mocks know (ARNs, validation options)
# apply against the mock providers: Terraform's mocks fill computed values at
# apply only (OpenTofu's already at plan), so a plan run could not know them
# on both engines. They come last, so that no plan run above starts from
# their state.

run "cloudfront_certificate_is_issued_in_us_east_1_and_the_api_certificate_in_the_region" {
  command = apply

  providers = {
    aws           = aws.app_mock
    aws.dns       = aws.dns_mock
    aws.us_east_1 = aws.us_east_1_mock
  }

  assert {
    condition     = startswith(output.cloudfront_certificate_arn, "arn:aws:acm:us-east-1:")
    error_message = "The CloudFront certificate must come from the aws.us_east_1 provider: CloudFront reads certificates from us-east-1 only."
  }

  assert {
    condition     = startswith(output.regional_certificate_arn, "arn:aws:acm:ap-southeast-1:")
    error_message = "The API certificate must come from the regional (application) provider, in API Gateway's region."
  }
}

run "outputs_are_the_validated_certificates" {
  command = apply

  providers = {
    aws           = aws.app_mock
    aws.dns       = aws.dns_mock
    aws.us_east_1 = aws.us_east_1_mock
  }

  assert {
    condition = (
      aws_acm_certificate_validation.regional.certificate_arn == aws_acm_certificate.regional.arn &&
      aws_acm_certificate_validation.cloudfront.certificate_arn == aws_acm_certificate.cloudfront.arn &&
      output.regional_certificate_arn == aws_acm_certificate_validation.regional.certificate_arn &&
      output.cloudfront_certificate_arn == aws_acm_certificate_validation.cloudfront.certificate_arn
    )
    error_message = "The certificate ARNs must be handed out through aws_acm_certificate_validation, so consumers wait for issuance."
  }

  assert {
    condition = (
      length(aws_acm_certificate_validation.regional.validation_record_fqdns) > 0 &&
      length(aws_acm_certificate_validation.cloudfront.validation_record_fqdns) > 0
    )
    error_message = "Each certificate validation must wait for its Route 53 validation records."
  }
}

run "validation_records_are_written_in_the_dns_account_for_every_certificate_name" {
  command = apply

  providers = {
    aws           = aws.app_mock
    aws.dns       = aws.dns_mock
    aws.us_east_1 = aws.us_east_1_mock
  }

  assert {
    condition     = keys(aws_route53_record.validation) == ["*.develop.lookcard.com", "api.develop.lookcard.com", "app.develop.lookcard.com"]
    error_message = "There must be one validation record per certificate name, keyed by the name."
  }

  assert {
    condition = (
      aws_route53_record.validation["api.develop.lookcard.com"].name == "_a1.api.develop.lookcard.com." &&
      aws_route53_record.validation["*.develop.lookcard.com"].name == "_a2.develop.lookcard.com." &&
      aws_route53_record.validation["app.develop.lookcard.com"].name == "_a3.app.develop.lookcard.com." &&
      aws_route53_record.validation["app.develop.lookcard.com"].records == toset(["_v3.acm-validations.aws."]) &&
      alltrue([for r in aws_route53_record.validation : r.type == "CNAME"])
    )
    error_message = "Each validation record must be the CNAME ACM asks for its name."
  }

  assert {
    condition     = alltrue([for r in aws_route53_record.validation : r.zone_id == "ZDNSACCOUNTZONE" && r.id == "planned-in-the-dns-account"])
    error_message = "Validation records must be written through the aws.dns provider into the DNS account's public zone."
  }

  assert {
    condition     = alltrue([for r in aws_route53_record.validation : r.allow_overwrite])
    error_message = "Validation records must allow overwrite: ACM reuses one record per name across certificates."
  }
}

run "aliases_point_api_at_api_gateway_and_app_at_cloudfront_in_the_dns_account" {
  command = apply

  providers = {
    aws           = aws.app_mock
    aws.dns       = aws.dns_mock
    aws.us_east_1 = aws.us_east_1_mock
  }

  assert {
    condition = (
      aws_route53_record.alias["api/A"].name == "api.develop.lookcard.com" &&
      aws_route53_record.alias["api/A"].alias[0].name == "d-abc123def4.execute-api.ap-southeast-1.amazonaws.com" &&
      aws_route53_record.alias["api/A"].alias[0].zone_id == "ZL327KTPIQFUL"
    )
    error_message = "api.<environment> must be an alias of the API Gateway regional domain name."
  }

  assert {
    condition = (
      aws_route53_record.alias["app/A"].name == "app.develop.lookcard.com" &&
      aws_route53_record.alias["app/AAAA"].name == "app.develop.lookcard.com" &&
      aws_route53_record.alias["app/A"].alias[0].name == "d111111abcdef8.cloudfront.net" &&
      aws_route53_record.alias["app/AAAA"].alias[0].zone_id == "Z2FDTNDATAQYW2"
    )
    error_message = "app.<environment> must be an alias (IPv4 and IPv6) of the CloudFront distribution."
  }

  assert {
    condition     = alltrue([for r in aws_route53_record.alias : r.zone_id == "ZDNSACCOUNTZONE" && r.id == "planned-in-the-dns-account"])
    error_message = "Alias records must be written through the aws.dns provider into the DNS account's public zone."
  }
}

run "behind_cloudflare_route53_publishes_each_name_once_and_validates_acm" {
  command = apply

  providers = {
    aws           = aws.app_mock
    aws.dns       = aws.dns_mock
    aws.us_east_1 = aws.us_east_1_mock
    cloudflare    = cloudflare.mock
  }

  variables {
    cloudflare = { zone_id = "0123456789abcdef0123456789abcdef" }
  }

  assert {
    condition = (
      length(aws_route53_record.alias) == 0 &&
      aws_route53_record.cloudflare["api"].name == "api.develop.lookcard.com" &&
      aws_route53_record.cloudflare["api"].records == toset(["api.develop.lookcard.com.cdn.cloudflare.net"]) &&
      aws_route53_record.cloudflare["app"].records == toset(["app.develop.lookcard.com.cdn.cloudflare.net"]) &&
      alltrue([for r in aws_route53_record.cloudflare : r.type == "CNAME" && r.zone_id == "ZDNSACCOUNTZONE"])
    )
    error_message = "Behind Cloudflare each public name has exactly one record, in the DNS account's Route 53 zone: a CNAME to <name>.cdn.cloudflare.net (no alias to AWS next to it)."
  }

  assert {
    condition     = keys(aws_route53_record.validation) == ["*.develop.lookcard.com", "api.develop.lookcard.com", "app.develop.lookcard.com"] && length(aws_acm_certificate_validation.regional.validation_record_fqdns) > 0
    error_message = "ACM validates where the names resolve: the validation records are in Route 53, and the certificates wait for them."
  }

  assert {
    condition     = output.public_records["api.develop.lookcard.com"].target == "api.develop.lookcard.com.cdn.cloudflare.net" && length(output.public_records) == 2
    error_message = "public_records lists the one authoritative record of each public name."
  }
}
