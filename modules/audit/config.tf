# AWS Config: a recorder of every supported resource type (global ones too)
# with its own role, delivering snapshots and history to the log bucket under
# config/, encrypted with the trail key.

locals {
  config_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "CheckTheLogBucket"
        Effect   = "Allow"
        Action   = ["s3:GetBucketAcl", "s3:ListBucket"]
        Resource = local.bucket_arn
      },
      {
        Sid      = "DeliverUnderConfigPrefixOnly"
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "${local.bucket_arn}/${local.config_prefix}/AWSLogs/${var.account_id}/Config/*"
        Condition = {
          StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" }
        }
      },
      {
        Sid      = "EncryptDeliveriesWithTheTrailKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = var.audit.trail_kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" }
        }
      },
    ]
  })
}

# Reading the configuration of every resource type is what AWS_ConfigRole
# grants, and AWS keeps it current as Config supports new types.
module "config_role" {
  source = "../iam-role"
  count  = var.audit.config ? 1 : 0

  name                     = local.config_role_name
  description              = "AWS Config recorder of ${var.name_prefix}: reads resource configurations, delivers to ${local.bucket_name}."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ConfigOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
      }
    }]
  })

  inline_policies     = { deliver-to-log-bucket = local.config_policy }
  managed_policy_arns = { config-role = "arn:${var.partition}:iam::aws:policy/service-role/AWS_ConfigRole" }

  tags = { Name = local.config_role_name }
}

resource "aws_config_configuration_recorder" "this" {
  count = var.audit.config ? 1 : 0

  name     = "${var.name_prefix}-recorder"
  role_arn = module.config_role[0].arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }

  recording_mode {
    recording_frequency = "CONTINUOUS"
  }
}

resource "aws_config_delivery_channel" "this" {
  count = var.audit.config ? 1 : 0

  name           = "${var.name_prefix}-delivery"
  s3_bucket_name = module.bucket[0].name
  s3_key_prefix  = local.config_prefix
  s3_kms_key_arn = var.audit.trail_kms_key_arn

  snapshot_delivery_properties {
    delivery_frequency = "TwentyFour_Hours"
  }

  depends_on = [aws_config_configuration_recorder.this, module.bucket, module.config_role]
}

resource "aws_config_configuration_recorder_status" "this" {
  count = var.audit.config ? 1 : 0

  name       = aws_config_configuration_recorder.this[0].name
  is_enabled = true

  depends_on = [aws_config_delivery_channel.this]
}
