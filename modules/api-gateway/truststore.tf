# Mutual TLS on the custom domain (only with mutual_tls set): API Gateway
# admits a TLS connection only when the client presents a certificate issued
# by a CA in the truststore. The truststore holds Cloudflare's Authenticated
# Origin Pulls CA (cloudflare-origin-pull-ca.pem, from Cloudflare's
# documentation; it expires 2029-11-01), so only Cloudflare's edge, with
# Authenticated Origin Pulls on in the zone, reaches the API. The default
# execute-api endpoint is disabled (main.tf), so the custom domain is the
# only way in.

locals {
  truststore_bucket_name = "${var.name_prefix}-api-mtls-${var.account_id}"
  truststore_key         = "cloudflare-origin-pull-ca.pem"
}

module "truststore_bucket" {
  source = "../s3-bucket"
  count  = var.mutual_tls == null ? 0 : 1

  name       = local.truststore_bucket_name
  versioning = true
  encryption = { kms_key_arn = var.mutual_tls.kms_key_arn }
}

resource "aws_s3_object" "truststore" {
  count = var.mutual_tls == null ? 0 : 1

  bucket       = module.truststore_bucket[0].name
  key          = local.truststore_key
  content      = file("${path.module}/${local.truststore_key}")
  content_type = "application/x-pem-file"
}
