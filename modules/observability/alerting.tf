# One SNS topic per severity, encrypted with the alerting key. Only the
# account (to manage it) and CloudWatch alarms of this account (to publish)
# may use a topic, and only over TLS.

resource "aws_sns_topic" "alerts" {
  for_each = local.topic_names

  name              = each.value
  display_name      = "LookCard ${each.key} alerts (${var.name_prefix})"
  kms_master_key_id = var.alerting.kms_key_arn

  tags = { Name = each.value, Severity = each.key }
}

resource "aws_sns_topic_policy" "alerts" {
  for_each = local.topic_names

  arn = aws_sns_topic.alerts[each.key].arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountManagesTopic"
        Effect    = "Allow"
        Principal = { AWS = "arn:${var.partition}:iam::${var.account_id}:root" }
        Action = [
          "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
          "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish",
        ]
        Resource = local.topic_arns[each.key]
      },
      {
        Sid       = "CloudWatchAlarmsOfThisAccountPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "SNS:Publish"
        Resource  = local.topic_arns[each.key]
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
          ArnLike      = { "aws:SourceArn" = "arn:${var.partition}:cloudwatch:${var.region}:${var.account_id}:alarm:*" }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "SNS:Publish"
        Resource  = local.topic_arns[each.key]
        Condition = {
          Bool = { "aws:SecureTransport" = "false" }
        }
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "alerts" {
  for_each = var.alerting.subscriptions

  topic_arn = aws_sns_topic.alerts[each.value.severity].arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}
