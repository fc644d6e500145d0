# One SNS topic per severity (critical, warning), encrypted with the given
# key. Only the account (to manage it), and CloudWatch alarms, AWS Budgets
# and this stack's EventBridge rules (routes.tf) of this account (to publish)
# may use a topic, and only over TLS.
#
# The observability module calls this module for the environment's region;
# the root calls it a second time with the us-east-1 provider for alarms that
# must live there (the CloudFront web ACL's). Names repeat across regions,
# which SNS allows: a topic name is unique per account and region.

locals {
  # Fixed set: the severities every alarm in the stack chooses from.
  severities = ["critical", "warning"]

  topic_names = { for s in local.severities : s => "${var.name_prefix}-alerts-${s}" }

  # Built from known parts so that alarm actions, the policies, the
  # subscriptions and the outputs are known at plan time.
  topic_arns = { for s, n in local.topic_names : s => "arn:${var.partition}:sns:${var.region}:${var.account_id}:${n}" }
}

resource "aws_sns_topic" "alerts" {
  for_each = local.topic_names

  name              = each.value
  display_name      = "LookCard ${each.key} alerts (${var.name_prefix})"
  kms_master_key_id = var.kms_key_arn

  tags = { Name = each.value, Severity = each.key }

  lifecycle {
    precondition {
      condition     = split(":", var.kms_key_arn)[3] == var.region
      error_message = "kms_key_arn is a key of region ${split(":", var.kms_key_arn)[3]}, but the topics are in ${var.region}: SNS encrypts only with a key of the topic's own region (pass the ${var.region} key)."
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  for_each = local.topic_names

  arn = aws_sns_topic.alerts[each.key].arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
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
        # AWS Budgets (modules/budgets) alerts on this account's spend.
        Sid       = "BudgetsOfThisAccountPublish"
        Effect    = "Allow"
        Principal = { Service = "budgets.amazonaws.com" }
        Action    = "SNS:Publish"
        Resource  = local.topic_arns[each.key]
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
          ArnLike      = { "aws:SourceArn" = "arn:${var.partition}:budgets::${var.account_id}:*" }
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
      ],
      # Exactly the EventBridge rules (routes.tf) that target this topic.
      length(local.route_rule_arns[each.key]) == 0 ? [] : [{
        Sid       = "EventBridgeRoutesOfThisStackPublish"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "SNS:Publish"
        Resource  = local.topic_arns[each.key]
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
          ArnEquals    = { "aws:SourceArn" = local.route_rule_arns[each.key] }
        }
      }],
    )
  })
}

resource "aws_sns_topic_subscription" "alerts" {
  for_each = var.subscriptions

  # The topic's ARN from known parts (the same string the topic gets), so a
  # subscription's target is visible in the plan; depends_on keeps the order.
  topic_arn = local.topic_arns[each.value.severity]
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint

  depends_on = [aws_sns_topic.alerts]
}
