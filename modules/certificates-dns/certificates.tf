# RSA 2048 rather than ECDSA P-256: both CloudFront and API Gateway regional
# custom domains accept it, and every client does (card-network and partner
# callers, older Android and embedded TLS stacks), while the TLS policy on
# each endpoint keeps the protocol and cipher floor. One algorithm for both
# certificates keeps the estate uniform.

resource "aws_acm_certificate" "regional" {
  domain_name               = local.api_hostname
  subject_alternative_names = [local.wildcard]
  validation_method         = "DNS"
  key_algorithm             = "RSA_2048"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  tags = { Name = local.api_hostname }

  lifecycle {
    # A replacement (new names) is issued before the old one is released by
    # API Gateway.
    create_before_destroy = true

    precondition {
      condition     = var.api_host != var.app_host
      error_message = "api_host and app_host are both \"${var.api_host}\": the API and the web app need different hostnames."
    }
  }
}

# CloudFront reads certificates from us-east-1 only.
resource "aws_acm_certificate" "cloudfront" {
  provider = aws.us_east_1

  domain_name       = local.app_hostname
  validation_method = "DNS"
  key_algorithm     = "RSA_2048"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  tags = { Name = local.app_hostname }

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  # ACM's validation options by certificate and name. Unknown until the
  # certificate is requested; only the record values depend on them, never
  # the for_each keys.
  validation_options = {
    regional   = { for o in aws_acm_certificate.regional.domain_validation_options : o.domain_name => o }
    cloudfront = { for o in aws_acm_certificate.cloudfront.domain_validation_options : o.domain_name => o }
  }
}

# Waits until ACM has issued the certificate, so that consumers (API Gateway,
# CloudFront) only ever receive a validated ARN.
resource "aws_acm_certificate_validation" "regional" {
  certificate_arn         = aws_acm_certificate.regional.arn
  validation_record_fqdns = [for name, cert in local.validation_names : aws_route53_record.validation[name].fqdn if cert == "regional"]
}

resource "aws_acm_certificate_validation" "cloudfront" {
  provider = aws.us_east_1

  certificate_arn         = aws_acm_certificate.cloudfront.arn
  validation_record_fqdns = [for name, cert in local.validation_names : aws_route53_record.validation[name].fqdn if cert == "cloudfront"]
}
