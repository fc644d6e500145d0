# Guarantees of the alert-topics module, planned against the real AWS provider
# schema. One run per guarantee; the negative runs prove the inputs that must
# be refused are refused. Topic ARNs are built from known parts, so policies
# and subscriptions are assertable without mocks.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix = "lookcard-test"
  account_id  = "123456789012"
  region      = "ap-southeast-1"
  kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"

  subscriptions = {
    oncall   = { protocol = "https", endpoint = "https://events.example.com/integration/abc", severity = "critical" }
    platform = { protocol = "email", endpoint = "platform@example.com", severity = "warning" }
  }
}

run "one_topic_per_severity_named_after_the_prefix" {
  command = plan

  assert {
    condition     = output.topic_names == { critical = "lookcard-test-alerts-critical", warning = "lookcard-test-alerts-warning" }
    error_message = "There is one topic per severity, <name_prefix>-alerts-<severity>."
  }

  assert {
    condition     = output.topic_arns == { critical = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-critical", warning = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning" }
    error_message = "topic_arns are built from partition, region, account and name, so they are known at plan."
  }

  assert {
    condition     = alltrue([for k, t in aws_sns_topic.alerts : t.tags["Name"] == t.name && t.tags["Severity"] == k])
    error_message = "Every topic carries its Name and Severity tags."
  }
}

run "topics_are_kms_encrypted" {
  command = plan

  assert {
    condition     = length(aws_sns_topic.alerts) == 2 && alltrue([for t in aws_sns_topic.alerts : t.kms_master_key_id == var.kms_key_arn])
    error_message = "Both alert topics must be encrypted with the given KMS key."
  }
}

run "topic_policy_admits_only_this_accounts_cloudwatch_alarms" {
  command = plan

  assert {
    condition = alltrue([for k, p in aws_sns_topic_policy.alerts :
      one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "cloudwatch.amazonaws.com"]).Condition.StringEquals["aws:SourceAccount"] == "123456789012" &&
      one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "cloudwatch.amazonaws.com"]).Condition.ArnLike["aws:SourceArn"] == "arn:aws:cloudwatch:ap-southeast-1:123456789012:alarm:*" &&
      one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "cloudwatch.amazonaws.com"]).Action == "SNS:Publish" &&
      one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "cloudwatch.amazonaws.com"]).Resource == output.topic_arns[k]
    ])
    error_message = "Only CloudWatch alarms of this account and region (aws:SourceAccount, aws:SourceArn) may publish, to this topic only."
  }

  assert {
    condition = alltrue([for k, p in aws_sns_topic_policy.alerts :
      alltrue([for s in jsondecode(p.policy).Statement : s.Resource == output.topic_arns[k]]) &&
      one([for s in jsondecode(p.policy).Statement : s if s.Sid == "AccountManagesTopic"]).Principal == { AWS = "arn:aws:iam::123456789012:root" }
    ])
    error_message = "Every statement is scoped to its own topic; only the account itself manages the topic."
  }

  assert {
    condition = alltrue([for p in aws_sns_topic_policy.alerts :
      length([for s in jsondecode(p.policy).Statement : s if s.Effect == "Allow" && (s.Principal == "*" || try(s.Principal.AWS, "") == "*")]) == 0
    ])
    error_message = "No topic may allow everyone."
  }

  assert {
    condition = alltrue([for p in aws_sns_topic_policy.alerts :
      length([for s in jsondecode(p.policy).Statement : s if s.Effect == "Deny" && s.Action == "SNS:Publish" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false"]) == 1
    ])
    error_message = "Publishing without TLS must be denied."
  }
}

run "a_second_region_gets_its_own_arns_and_alarm_source" {
  command = plan

  variables {
    region      = "us-east-1"
    kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"
  }

  assert {
    condition     = output.topic_arns["warning"] == "arn:aws:sns:us-east-1:123456789012:lookcard-test-alerts-warning" && output.topic_names["warning"] == "lookcard-test-alerts-warning"
    error_message = "Topics of the us-east-1 instance are in us-east-1 (same names: SNS names are per region)."
  }

  assert {
    condition = alltrue([for p in aws_sns_topic_policy.alerts :
    one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "cloudwatch.amazonaws.com"]).Condition.ArnLike["aws:SourceArn"] == "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*"])
    error_message = "The topic policy's aws:SourceArn must name alarms of the module's region."
  }

  assert {
    condition     = aws_sns_topic_subscription.alerts["oncall"].topic_arn == "arn:aws:sns:us-east-1:123456789012:lookcard-test-alerts-critical"
    error_message = "Subscriptions of the us-east-1 instance subscribe to its us-east-1 topics."
  }
}

run "subscriptions_go_to_their_severity_topic" {
  command = plan

  assert {
    condition = (
      aws_sns_topic_subscription.alerts["oncall"].protocol == "https" &&
      aws_sns_topic_subscription.alerts["oncall"].endpoint == "https://events.example.com/integration/abc" &&
      aws_sns_topic_subscription.alerts["oncall"].topic_arn == output.topic_arns["critical"] &&
      aws_sns_topic_subscription.alerts["platform"].protocol == "email" &&
      aws_sns_topic_subscription.alerts["platform"].endpoint == "platform@example.com" &&
      aws_sns_topic_subscription.alerts["platform"].topic_arn == output.topic_arns["warning"]
    )
    error_message = "Each subscription sends its severity's topic to its endpoint with its protocol."
  }
}

run "no_subscriptions_by_default" {
  command = plan

  variables {
    subscriptions = {}
  }

  assert {
    condition     = length(aws_sns_topic_subscription.alerts) == 0 && length(aws_sns_topic.alerts) == 2
    error_message = "Without subscriptions the topics exist and nothing is subscribed."
  }
}

run "long_prefix_stays_within_sns_name_limits" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
  }

  assert {
    condition     = alltrue([for t in aws_sns_topic.alerts : length(t.name) <= 256 && can(regex("^[A-Za-z0-9_-]+$", t.name))]) && alltrue([for t in aws_sns_topic.alerts : length(t.display_name) <= 100])
    error_message = "Topic names fit SNS's 256 characters (letters, digits, - and _), display names its 100."
  }
}

# --- Inputs that must be refused ---------------------------------------------

run "rejects_an_sms_subscription" {
  command = plan

  variables {
    subscriptions = { phone = { protocol = "sms", endpoint = "+6590000000", severity = "critical" } }
  }

  expect_failures = [var.subscriptions]
}

run "rejects_an_email_subscription_to_a_url" {
  command = plan

  variables {
    subscriptions = { oncall = { protocol = "email", endpoint = "https://events.example.com/x", severity = "critical" } }
  }

  expect_failures = [var.subscriptions]
}

run "rejects_an_https_subscription_over_http" {
  command = plan

  variables {
    subscriptions = { oncall = { protocol = "https", endpoint = "http://events.example.com/x", severity = "critical" } }
  }

  expect_failures = [var.subscriptions]
}

run "rejects_an_unknown_severity" {
  command = plan

  variables {
    subscriptions = { oncall = { protocol = "email", endpoint = "oncall@example.com", severity = "info" } }
  }

  expect_failures = [var.subscriptions]
}

run "rejects_a_key_alias" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-logs"
  }

  expect_failures = [var.kms_key_arn]
}

run "rejects_a_key_of_another_region" {
  command = plan

  variables {
    region = "us-east-1"
  }

  expect_failures = [aws_sns_topic.alerts]
}

run "rejects_a_region_that_is_not_a_region_name" {
  command = plan

  variables {
    region = "singapore"
  }

  expect_failures = [var.region]
}

run "rejects_an_account_id_that_is_not_12_digits" {
  command = plan

  variables {
    account_id = "12345"
  }

  expect_failures = [var.account_id]
}

run "rejects_a_name_prefix_outside_lookcard" {
  command = plan

  variables {
    name_prefix = "acme-prod"
  }

  expect_failures = [var.name_prefix]
}

run "routes_send_findings_to_the_topic_of_their_severity" {
  command = plan

  variables {
    routes = ["guardduty-high", "guardduty-medium", "securityhub-high", "config-noncompliant", "root-activity"]
  }

  assert {
    condition     = aws_cloudwatch_event_target.route["guardduty-high"].arn == output.topic_arns.critical && aws_cloudwatch_event_target.route["securityhub-high"].arn == output.topic_arns.critical && aws_cloudwatch_event_target.route["root-activity"].arn == output.topic_arns.critical
    error_message = "High-severity GuardDuty and Security Hub findings and root activity must go to the critical topic."
  }

  assert {
    condition     = aws_cloudwatch_event_target.route["guardduty-medium"].arn == output.topic_arns.warning && aws_cloudwatch_event_target.route["config-noncompliant"].arn == output.topic_arns.warning
    error_message = "Medium GuardDuty findings and Config non-compliance must go to the warning topic."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.route["guardduty-high"].event_pattern).detail.severity[0].numeric == [">=", 7]
    error_message = "The GuardDuty high route must match severity 7.0 and above."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.route["securityhub-high"].event_pattern).detail.findings.Severity.Label == ["CRITICAL", "HIGH"]
    error_message = "The Security Hub route must match CRITICAL and HIGH findings."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.route["config-noncompliant"].event_pattern).detail.newEvaluationResult.complianceType == ["NON_COMPLIANT"]
    error_message = "The Config route must match rules turning NON_COMPLIANT."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.route["root-activity"].event_pattern).detail.userIdentity.type == ["Root"]
    error_message = "The root route must match any event of the root user."
  }

  assert {
    condition     = length(aws_cloudwatch_event_rule.route) == 5 && alltrue([for r in aws_cloudwatch_event_rule.route : length(r.name) <= 64 && r.state == "ENABLED"])
    error_message = "Exactly the asked routes exist, enabled, with names within EventBridge's 64 characters."
  }
}

run "topic_policy_admits_exactly_the_routes_rules" {
  command = plan

  variables {
    routes = ["guardduty-high", "config-noncompliant"]
  }

  assert {
    condition = one([for s in jsondecode(aws_sns_topic_policy.alerts["critical"].policy).Statement : s if s.Sid == "EventBridgeRoutesOfThisStackPublish"]).Condition == {
      StringEquals = { "aws:SourceAccount" = "123456789012" }
      ArnEquals    = { "aws:SourceArn" = ["arn:aws:events:ap-southeast-1:123456789012:rule/lookcard-test-on-guardduty-high"] }
    }
    error_message = "The critical topic must admit events.amazonaws.com for its own routes' rules of this account only."
  }

  assert {
    condition     = one([for s in jsondecode(aws_sns_topic_policy.alerts["warning"].policy).Statement : s if s.Sid == "EventBridgeRoutesOfThisStackPublish"]).Principal == { Service = "events.amazonaws.com" }
    error_message = "The warning topic must admit EventBridge for the Config route."
  }
}

run "no_routes_no_eventbridge_grant" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_event_rule.route) == 0 && alltrue([for p in aws_sns_topic_policy.alerts : length([for s in jsondecode(p.policy).Statement : s if s.Sid == "EventBridgeRoutesOfThisStackPublish"]) == 0])
    error_message = "Without routes no rule exists and no topic admits EventBridge."
  }
}

run "iam_changes_route_matches_iam_write_calls" {
  command = plan

  variables {
    region      = "us-east-1"
    kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111"
    routes      = ["iam-changes", "root-activity"]
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.route["iam-changes"].event_pattern).detail.eventSource == ["iam.amazonaws.com"] &&
      contains(jsondecode(aws_cloudwatch_event_rule.route["iam-changes"].event_pattern).detail.eventName, { prefix = "Attach" }) &&
      contains(jsondecode(aws_cloudwatch_event_rule.route["iam-changes"].event_pattern).detail.eventName, { prefix = "Put" })
    )
    error_message = "The IAM route must match IAM's write calls (Attach*, Put*, ...)."
  }
}

run "rejects_an_unknown_route" {
  command = plan

  variables {
    routes = ["guardduty-all"]
  }

  expect_failures = [var.routes]
}

run "budgets_of_this_account_may_publish" {
  command = plan

  assert {
    condition = alltrue([for k, p in aws_sns_topic_policy.alerts :
      one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "budgets.amazonaws.com"]).Condition.StringEquals["aws:SourceAccount"] == "123456789012" &&
      one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "budgets.amazonaws.com"]).Condition.ArnLike["aws:SourceArn"] == "arn:aws:budgets::123456789012:*" &&
      one([for s in jsondecode(p.policy).Statement : s if try(s.Principal.Service, "") == "budgets.amazonaws.com"]).Action == "SNS:Publish"
    ])
    error_message = "AWS Budgets of this account (aws:SourceAccount, aws:SourceArn) must be able to publish budget alerts, and only publish."
  }
}
