# Secret containers only. This module never creates an
# aws_secretsmanager_secret_version and takes no value as input, so no secret
# value can reach code, tfvars, state or plans through it: owners put
# third-party values (console/CLI), rotation functions put rotating ones.
# A container starts empty: generated secrets get their first value from the
# rotation function when rotation is configured (rotate_immediately); the
# others are listed in the seeding_required output, and tagged
# ValueSource = seeded, so that the tooling can check that each holds a value
# (an AWSCURRENT version) before the services that read it start.

locals {
  # The partition comes from the validated KMS ARN (arn:<partition>:kms:...).
  partition  = split(":", var.kms_key_arn)[1]
  key_region = split(":", var.kms_key_arn)[3]
  key_owner  = split(":", var.kms_key_arn)[4]

  names = { for k in keys(var.secrets) : k => "${var.name_prefix}/${k}" }

  # Secrets Manager appends "-" and six random characters to a secret's name
  # in its ARN. Matching exactly six ("??????") rather than "*" keeps a pattern
  # from also matching a longer sibling name (card-api/reap vs card-api/reap-api-key).
  arn_patterns = { for k, n in local.names : k => "arn:${local.partition}:secretsmanager:${var.region}:${var.account_id}:secret:${n}-??????" }

  rotations = { for k, s in var.secrets : k => s.rotation if s.rotation != null }

  # Resource policies hold only Deny statements: grants stay in the readers'
  # identity policies (built from the arn_patterns output), and these denies
  # hold whatever an identity policy says.
  policies = { for k, s in var.secrets : k => jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyReadToAllButListedReaders"
        Effect    = "Deny"
        Principal = "*"
        Action    = "secretsmanager:GetSecretValue"
        Resource  = local.arn_patterns[k]
        Condition = {
          StringNotLike = { "aws:PrincipalArn" = s.readers }
        }
      },
      {
        Sid       = "DenyAccessWithoutTls"
        Effect    = "Deny"
        Principal = "*"
        Action    = "secretsmanager:*"
        Resource  = local.arn_patterns[k]
        Condition = {
          Bool = { "aws:SecureTransport" = "false" }
        }
      },
    ]
  }) }
}

resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = local.names[each.key]
  description             = each.value.description
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_in_days

  tags = {
    Name        = local.names[each.key]
    Service     = split("/", each.key)[0]
    ValueSource = each.value.generated ? "generated" : "seeded"
  }

  lifecycle {
    precondition {
      condition     = local.key_region == var.region && local.key_owner == var.account_id
      error_message = "kms_key_arn must be a key of account ${var.account_id} in ${var.region}: Secrets Manager encrypts only with a key in the secret's own region."
    }
  }
}

resource "aws_secretsmanager_secret_policy" "this" {
  for_each = var.secrets

  secret_arn          = aws_secretsmanager_secret.this[each.key].arn
  policy              = local.policies[each.key]
  block_public_policy = true
}

resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = local.rotations

  secret_id           = aws_secretsmanager_secret.this[each.key].id
  rotation_lambda_arn = each.value.lambda_arn

  # A new container holds no value yet; its owner seeds one, then rotation
  # takes over on schedule. AWS still tests the function (testSecret step).
  rotate_immediately = false

  rotation_rules {
    automatically_after_days = each.value.days
  }

  lifecycle {
    precondition {
      condition     = split(":", each.value.lambda_arn)[3] == var.region
      error_message = "secrets[\"${each.key}\"].rotation.lambda_arn must be a function in ${var.region}: Secrets Manager invokes rotation functions in the secret's own region."
    }
  }
}
