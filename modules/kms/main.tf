locals {
  root_arn = "arn:${var.partition}:iam::${var.account_id}:root"

  # Actions that manage a key without being able to use it.
  admin_actions = [
    "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:Describe*",
    "kms:DisableKey", "kms:EnableKey", "kms:EnableKeyRotation", "kms:Get*", "kms:List*",
    "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
    "kms:UpdateAlias", "kms:UpdateKeyDescription",
  ]
  use_actions = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]

  # Policies are built from known ARNs so that they reach the plan as real
  # JSON text and the compliance checks can read them.
  policies = { for purpose, k in var.keys : purpose => jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "AccountRootManagesKey"
        Effect    = "Allow"
        Principal = { AWS = local.root_arn }
        Action    = "kms:*"
        Resource  = "*"
      }],
      length(var.administrator_arns) == 0 ? [] : [{
        Sid       = "KeyAdministrators"
        Effect    = "Allow"
        Principal = { AWS = var.administrator_arns }
        Action    = local.admin_actions
        Resource  = "*"
      }],
      length(k.user_arns) == 0 ? [] : [{
        Sid       = "KeyUsers"
        Effect    = "Allow"
        Principal = { AWS = k.user_arns }
        Action    = local.use_actions
        Resource  = "*"
      }],
      length(k.services) == 0 ? [] : [{
        Sid       = "ServicesOnBehalfOfThisAccount"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = concat(local.use_actions, ["kms:CreateGrant", "kms:ListGrants"])
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = var.account_id
            "kms:ViaService"    = [for s in k.services : "${s}.${var.region}.amazonaws.com"]
          }
        }
      }],
      length(k.service_principals) == 0 ? [] : [{
        Sid       = "ServicePrincipalsForThisAccount"
        Effect    = "Allow"
        Principal = { Service = k.service_principals }
        Action    = local.use_actions
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
        }
      }],
      k.log_service ? [{
        Sid       = "CloudWatchLogsOfThisAccountAndRegion"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = local.use_actions
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:*"
          }
        }
      }] : [],
    )
  }) }
}

# KMS refuses a key policy naming a principal that does not exist
# (MalformedPolicyDocumentException). Each administrator is read here, so a
# missing role fails the plan, before any key (and everything encrypted with
# one) is created.
data "aws_iam_role" "administrator" {
  for_each = toset(var.administrator_arns)

  name = regex("[^/]+$", each.value)
}

resource "aws_kms_key" "this" {
  for_each = var.keys

  description             = "${var.name_prefix} ${each.key}: ${each.value.description}"
  key_usage               = "ENCRYPT_DECRYPT"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = local.policies[each.key]

  tags = {
    Name    = "${var.name_prefix}-${each.key}"
    Purpose = each.key
  }

  lifecycle {
    precondition {
      condition     = alltrue([for a in var.administrator_arns : split(":", a)[4] == var.account_id])
      error_message = "Every key administrator must be a role of account ${var.account_id}, the account that owns the keys (bootstrap/ creates lookcard-<env>-admin and lookcard-<env>-deploy there)."
    }
  }
}

resource "aws_kms_alias" "this" {
  for_each = var.keys

  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}
