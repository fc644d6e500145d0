# The trail: every region, global service events, log file validation,
# SSE-KMS with the trail key, and a copy in a CloudWatch log group (encrypted
# with the logs key) through a role that may write only to that group.
# Management events, read and write, are always logged (Secrets Manager's
# GetSecretValue is a read management event); S3 object events of the given
# buckets are added as data events.

resource "aws_cloudwatch_log_group" "trail" {
  count = var.audit.cloudtrail ? 1 : 0

  name              = local.log_group_name
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn
  # The copy of the audit trail cannot be deleted by mistake.
  deletion_protection_enabled = true

  tags = { Name = local.log_group_name }
}

module "trail_logs_role" {
  source = "../iam-role"
  count  = var.audit.cloudtrail ? 1 : 0

  name                     = local.trail_logs_role_name
  description              = "CloudTrail ${local.trail_name} delivers to ${local.log_group_name}."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ThisTrailOnly"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = {
          "aws:SourceAccount" = var.account_id
          "aws:SourceArn"     = local.trail_arn
        }
      }
    }]
  })

  inline_policies = {
    deliver-to-log-group = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid      = "WriteTrailLogStreamsOnly"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${local.log_group_arn}:log-stream:${var.account_id}_CloudTrail_${var.region}*"
      }]
    })
  }

  tags = { Name = local.trail_logs_role_name }
}

resource "aws_cloudtrail" "this" {
  count = var.audit.cloudtrail ? 1 : 0

  name                          = local.trail_name
  s3_bucket_name                = module.bucket[0].name
  s3_key_prefix                 = local.trail_prefix
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true
  kms_key_id                    = var.audit.trail_kms_key_arn

  cloud_watch_logs_group_arn = "${local.log_group_arn}:*"
  cloud_watch_logs_role_arn  = module.trail_logs_role[0].arn

  advanced_event_selector {
    name = "All management events, read and write"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  dynamic "advanced_event_selector" {
    for_each = length(var.audit.data_events_bucket_arns) == 0 ? [] : [sort(var.audit.data_events_bucket_arns)]

    content {
      name = "S3 object events of the listed buckets"

      field_selector {
        field  = "eventCategory"
        equals = ["Data"]
      }

      field_selector {
        field  = "resources.type"
        equals = ["AWS::S3::Object"]
      }

      field_selector {
        field       = "resources.ARN"
        starts_with = [for b in advanced_event_selector.value : "${b}/"]
      }
    }
  }

  tags = { Name = local.trail_name }

  # CloudTrail checks the bucket policy, the log group and the role when the
  # trail is created.
  depends_on = [
    module.bucket,
    aws_cloudwatch_log_group.trail,
    module.trail_logs_role,
  ]
}
