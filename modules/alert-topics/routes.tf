# Findings and account events routed to the alert topics by EventBridge
# rules on the default bus (detect -> respond, PCI DSS 10.4.1 / 10.7 /
# 12.10.5). Which routes a call creates is its choice: the home region has
# GuardDuty, Security Hub and Config; IAM is a global service whose
# CloudTrail events (and the root user's console sign-ins) reach EventBridge
# in us-east-1 only, so the us-east-1 call routes those.
#
# The topic policy admits events.amazonaws.com for exactly these rules; the topics' key must let events.amazonaws.com
# use it (kms:GenerateDataKey*, kms:Decrypt), or delivery fails silently
# (FailedInvocations).

locals {
  route_definitions = {
    guardduty-high = {
      severity    = "critical"
      description = "GuardDuty findings of high severity (7.0 and above)"
      pattern = {
        source        = ["aws.guardduty"]
        "detail-type" = ["GuardDuty Finding"]
        detail        = { severity = [{ numeric = [">=", 7] }] }
      }
    }
    guardduty-medium = {
      severity    = "warning"
      description = "GuardDuty findings of medium severity (4.0 to 6.9)"
      pattern = {
        source        = ["aws.guardduty"]
        "detail-type" = ["GuardDuty Finding"]
        detail        = { severity = [{ numeric = [">=", 4, "<", 7] }] }
      }
    }
    securityhub-high = {
      severity    = "critical"
      description = "New, active Security Hub findings of HIGH or CRITICAL severity"
      pattern = {
        source        = ["aws.securityhub"]
        "detail-type" = ["Security Hub Findings - Imported"]
        detail = { findings = {
          Severity    = { Label = ["CRITICAL", "HIGH"] }
          Workflow    = { Status = ["NEW"] }
          RecordState = ["ACTIVE"]
        } }
      }
    }
    config-noncompliant = {
      severity    = "warning"
      description = "AWS Config rules turning NON_COMPLIANT"
      pattern = {
        source        = ["aws.config"]
        "detail-type" = ["Config Rules Compliance Change"]
        detail = {
          messageType         = ["ComplianceChangeNotification"]
          newEvaluationResult = { complianceType = ["NON_COMPLIANT"] }
        }
      }
    }
    root-activity = {
      severity    = "critical"
      description = "Any use of the account root user (API calls and console sign-ins)"
      pattern = {
        "detail-type" = ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"]
        detail        = { userIdentity = { type = ["Root"] } }
      }
    }
    iam-changes = {
      severity    = "warning"
      description = "Changes to IAM users, roles, policies, groups and identity providers"
      pattern = {
        source        = ["aws.iam"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail = {
          eventSource = ["iam.amazonaws.com"]
          eventName   = [for p in ["Add", "Attach", "Create", "Deactivate", "Delete", "Detach", "Put", "Remove", "Set", "Update", "Upload"] : { prefix = p }]
        }
      }
    }
  }

  routes = { for r in var.routes : r => local.route_definitions[r] }

  # <= 39 + 4 + 19 = 62 characters, within EventBridge's 64.
  rule_names = { for r in keys(local.routes) : r => "${var.name_prefix}-on-${r}" }

  # By severity: the rules the topic policy admits, exactly.
  route_rule_arns = { for s in local.severities : s => sort([
    for r, d in local.routes : "arn:${var.partition}:events:${var.region}:${var.account_id}:rule/${local.rule_names[r]}" if d.severity == s
  ]) }
}

resource "aws_cloudwatch_event_rule" "route" {
  for_each = local.routes

  name          = local.rule_names[each.key]
  description   = "${each.value.description} -> ${local.topic_names[each.value.severity]}"
  event_pattern = jsonencode(each.value.pattern)
  state         = "ENABLED"

  tags = { Name = local.rule_names[each.key], Severity = each.value.severity }
}

resource "aws_cloudwatch_event_target" "route" {
  for_each = local.routes

  rule      = aws_cloudwatch_event_rule.route[each.key].name
  target_id = "alert-topic-${each.value.severity}"
  arn       = local.topic_arns[each.value.severity]

  # The topic policy must admit EventBridge before the first event.
  depends_on = [aws_sns_topic_policy.alerts]
}
