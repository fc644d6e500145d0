# The bucket policy: the module's secure-transport statements, always
# present, merged with the caller's statements (the service that writes to
# the bucket stays with the caller, which knows its ARNs and conditions).

locals {
  secure_transport_statements = concat(
    [{
      Sid       = var.secure_transport.sid
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [local.arn, "${local.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }],
    var.secure_transport.deny_tls_below_1_2 ? [{
      Sid       = "DenyOutdatedTls"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [local.arn, "${local.arn}/*"]
      Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
    }] : [],
  )

  # The caller's statements may differ in shape, so each order is encoded on
  # its own branch (the two tuples cannot be unified by a conditional).
  policy = var.secure_transport.position == "first" ? jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.secure_transport_statements, var.policy_statements)
    }) : jsonencode({
    Version   = "2012-10-17"
    Statement = concat(var.policy_statements, local.secure_transport_statements)
  })

  reserved_sids = [for s in local.secure_transport_statements : s.Sid]
}

resource "aws_s3_bucket_policy" "this" {
  bucket = var.name
  policy = local.policy

  # S3 refuses a policy while it would make the bucket public; the block must
  # be in place first.
  depends_on = [aws_s3_bucket.this, aws_s3_bucket.protected, aws_s3_bucket_public_access_block.this]

  lifecycle {
    precondition {
      condition     = length(setintersection(toset(local.reserved_sids), toset([for s in var.policy_statements : s.Sid]))) == 0
      error_message = "policy_statements must not reuse the Sids of the module's own statements (${join(", ", local.reserved_sids)})."
    }
  }
}
