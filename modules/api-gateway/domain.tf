# The custom domain: regional, TLS 1.2 minimum, the live stage at its root.
# Cloudflare (proxied) points api.<domain> at regional_domain_name and, with
# mutual_tls, must present its origin-pull certificate (truststore.tf).

resource "aws_api_gateway_domain_name" "this" {
  domain_name              = var.domain_name
  regional_certificate_arn = var.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  dynamic "mutual_tls_authentication" {
    for_each = var.mutual_tls == null ? [] : [1]
    content {
      truststore_uri     = "s3://${local.truststore_bucket_name}/${local.truststore_key}"
      truststore_version = aws_s3_object.truststore[0].version_id
    }
  }

  tags = { Name = var.domain_name }

  lifecycle {
    precondition {
      condition     = split(":", var.certificate_arn)[3] == var.region
      error_message = "certificate_arn is in region ${split(":", var.certificate_arn)[3]}, but a regional custom domain needs a certificate from ${var.region}."
    }
  }
}

resource "aws_api_gateway_base_path_mapping" "this" {
  api_id      = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.live.stage_name
  domain_name = aws_api_gateway_domain_name.this.domain_name
}
