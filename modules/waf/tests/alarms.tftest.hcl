# Guarantees of the WAF module's CloudWatch alarms, planned against the real
# AWS provider schema. One run per guarantee; the negative runs prove that bad
# alarm input is refused. The provider's region (the Region dimension of a
# REGIONAL web ACL's metrics) is mocked, as is the IP set's ARN (see
# waf.tftest.hcl).

mock_provider "aws" {
  mock_resource "aws_wafv2_ip_set" {
    defaults = {
      arn = "arn:aws:wafv2:ap-southeast-1:123456789012:regional/ipset/lookcard-test-regional-allow-list/11111111-2222-3333-4444-555555555555"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "ap-southeast-1"
    }
  }
}

variables {
  alarms = {
    topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"
    blocked_requests_threshold = 500
    rate_limited_threshold     = 50
  }
}

run "regional_blocked_requests_alarm_watches_all_rules_in_the_region" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["blocked-requests"].namespace == "AWS/WAFV2" &&
      aws_cloudwatch_metric_alarm.this["blocked-requests"].metric_name == "BlockedRequests" &&
      aws_cloudwatch_metric_alarm.this["blocked-requests"].statistic == "Sum"
    )
    error_message = "The blocked-requests alarm sums AWS/WAFV2 BlockedRequests."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["blocked-requests"].dimensions == tomap({ WebACL = "lookcard-test-regional", Rule = "ALL", Region = "ap-southeast-1" })
    error_message = "A REGIONAL web ACL's metric is identified by WebACL (its name), Rule ALL (all rules) and Region (the provider's region)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["blocked-requests"].dimensions["WebACL"] == output.web_acl_name
    error_message = "The WebACL dimension is the web ACL's metric name, web_acl_name."
  }
}

run "each_rate_rule_has_an_alarm_on_its_own_metric" {
  command = plan

  assert {
    condition = alltrue([for r in ["rate-per-ip", "rate-sensitive-per-ip"] :
      aws_cloudwatch_metric_alarm.this[r].dimensions == tomap({ WebACL = "lookcard-test-regional", Rule = output.metric_names[r], Region = "ap-southeast-1" }) &&
      aws_cloudwatch_metric_alarm.this[r].metric_name == "BlockedRequests" && aws_cloudwatch_metric_alarm.this[r].namespace == "AWS/WAFV2" &&
      aws_cloudwatch_metric_alarm.this[r].statistic == "Sum"
    ])
    error_message = "Each rate-based rule (per IP, sensitive routes) has a BlockedRequests alarm whose Rule dimension is that rule's metric name."
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["blocked-requests", "rate-per-ip", "rate-sensitive-per-ip"])
    error_message = "The alarms are all blocked requests and the two rate-based rules, nothing else."
  }
}

run "alarms_notify_the_topic_on_alarm_and_ok" {
  command = plan

  assert {
    condition = alltrue([for a in aws_cloudwatch_metric_alarm.this :
      a.alarm_actions == toset(["arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"]) && a.ok_actions == a.alarm_actions
    ])
    error_message = "Every alarm notifies alarms.topic_arn on ALARM and on OK."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : a.treat_missing_data == "notBreaching" && a.comparison_operator == "GreaterThanOrEqualToThreshold"])
    error_message = "No data (nothing blocked) is not breaching; an alarm fires at threshold blocked requests or more."
  }
}

run "thresholds_and_default_period_come_from_input" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["blocked-requests"].threshold == 500 &&
      aws_cloudwatch_metric_alarm.this["rate-per-ip"].threshold == 50 &&
      aws_cloudwatch_metric_alarm.this["rate-sensitive-per-ip"].threshold == 50
    )
    error_message = "blocked-requests uses blocked_requests_threshold, the rate rules rate_limited_threshold."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : a.period == 300 && a.evaluation_periods == 1])
    error_message = "period defaults to 300 seconds and evaluation_periods to 1."
  }
}

run "period_and_evaluation_periods_pass_through" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-critical"
      blocked_requests_threshold = 1000
      rate_limited_threshold     = 1
      period                     = 60
      evaluation_periods         = 5
    }
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : a.period == 60 && a.evaluation_periods == 5 && a.alarm_actions == toset([var.alarms.topic_arn])])
    error_message = "Given period, evaluation_periods and topic are used by every alarm."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["blocked-requests"].threshold == 1000 && aws_cloudwatch_metric_alarm.this["rate-per-ip"].threshold == 1
    error_message = "Given thresholds are used."
  }
}

run "descriptions_say_what_it_means_and_carry_a_runbook" {
  command = plan

  assert {
    condition = alltrue([for a in aws_cloudwatch_metric_alarm.this :
      strcontains(a.alarm_description, "Runbook: ") && strcontains(a.alarm_description, "aws-waf-logs-lookcard-test-regional") &&
      strcontains(a.alarm_description, "sampled requests") && length(a.alarm_description) <= 1024
    ])
    error_message = "Every description carries a runbook (the WAF log group, the sampled requests) and fits CloudWatch's 1024 characters."
  }

  assert {
    condition     = strcontains(aws_cloudwatch_metric_alarm.this["rate-sensitive-per-ip"].alarm_description, "terminatingRuleId = 'rate-sensitive-per-ip'") && strcontains(aws_cloudwatch_metric_alarm.this["rate-sensitive-per-ip"].alarm_description, "/v1/cards, /v1/crypto, /v1/auth")
    error_message = "A rate rule's runbook names the rule to filter the logs on, and the routes it covers."
  }

  assert {
    condition     = strcontains(aws_cloudwatch_metric_alarm.this["blocked-requests"].alarm_description, "false positives")
    error_message = "The blocked-requests description says a spike is an attack or a wave of false positives."
  }
}

run "alarm_names_are_sorted_and_follow_the_naming" {
  command = plan

  assert {
    condition     = output.alarm_names == tolist(["lookcard-test-waf-regional-blocked-requests", "lookcard-test-waf-regional-rate-per-ip", "lookcard-test-waf-regional-rate-sensitive-per-ip"])
    error_message = "alarm_names lists <name_prefix>-waf-<scope>-<what>, sorted, known at plan."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : a.tags["Name"] == a.alarm_name])
    error_message = "Every alarm carries its Name tag."
  }
}

run "cloudfront_alarms_have_no_region_dimension" {
  command = plan

  variables {
    scope        = "CLOUDFRONT"
    associations = {}
    logs = {
      kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      retention_in_days = 365
    }
    alarms = {
      topic_arn                  = "arn:aws:sns:us-east-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
    }
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["blocked-requests"].dimensions == tomap({ WebACL = "lookcard-test-cloudfront", Rule = "ALL" })
    error_message = "A CLOUDFRONT web ACL's metrics have only WebACL and Rule: no Region dimension."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : !contains(keys(a.dimensions), "Region")]) && aws_cloudwatch_metric_alarm.this["rate-per-ip"].dimensions == tomap({ WebACL = "lookcard-test-cloudfront", Rule = "lookcard-test-cloudfront-rate-per-ip" })
    error_message = "No CLOUDFRONT alarm has a Region dimension; the rate rule alarms use the rule's metric name."
  }

  assert {
    condition     = output.alarm_names == tolist(["lookcard-test-waf-cloudfront-blocked-requests", "lookcard-test-waf-cloudfront-rate-per-ip", "lookcard-test-waf-cloudfront-rate-sensitive-per-ip"]) && alltrue([for a in aws_cloudwatch_metric_alarm.this : a.alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:lookcard-test-alerts-warning"])])
    error_message = "CLOUDFRONT alarms are named for their scope and notify the us-east-1 topic."
  }
}

run "no_alarms_when_alarms_is_null" {
  command = plan

  variables {
    alarms = null
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 0 && length(output.alarm_names) == 0
    error_message = "alarms = null creates no alarm."
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this) == 1
    error_message = "Without alarms the web ACL is still created."
  }
}

run "no_alarms_when_disabled" {
  command = plan

  variables {
    enabled = false
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 0 && length(output.alarm_names) == 0 && length(aws_wafv2_web_acl.this) == 0
    error_message = "enabled = false creates nothing, alarms included, even with alarms set."
  }
}

run "long_prefix_and_many_sensitive_paths_stay_within_limits" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
    rate_limits = {
      per_ip           = 2000
      sensitive_per_ip = 300
      sensitive_paths = [
        "/v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-0",
        "/v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1",
        "/v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-2",
        "/v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-3",
        "/v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-4",
        "/v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-5",
      ]
    }
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : length(a.alarm_name) <= 255 && length(a.alarm_description) <= 1024])
    error_message = "Alarm names fit CloudWatch's 255 characters and descriptions its 1024, whatever the prefix and the number of sensitive paths."
  }

  assert {
    condition     = strcontains(aws_cloudwatch_metric_alarm.this["rate-sensitive-per-ip"].alarm_description, "on 6 sensitive path prefixes")
    error_message = "A long list of sensitive paths is named by its count in the description."
  }
}

# --- Bad input -------------------------------------------------------------

run "rejects_a_topic_arn_that_is_not_sns" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_topic_name_instead_of_an_arn" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_fifo_topic" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts.fifo"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_zero_blocked_requests_threshold" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 0
      rate_limited_threshold     = 50
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_fractional_rate_limited_threshold" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 2.5
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_period_cloudwatch_does_not_allow" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
      period                     = 90
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_zero_period" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
      period                     = 0
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_zero_evaluation_periods" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
      evaluation_periods         = 0
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_an_evaluation_range_over_one_day" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
      period                     = 600
      evaluation_periods         = 200
    }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_regional_topic_of_another_region" {
  command = plan

  variables {
    alarms = {
      topic_arn                  = "arn:aws:sns:us-east-1:123456789012:lookcard-test-alerts-warning"
      blocked_requests_threshold = 500
      rate_limited_threshold     = 50
    }
  }

  expect_failures = [aws_cloudwatch_metric_alarm.this]
}

run "rejects_a_cloudfront_topic_outside_us_east_1" {
  command = plan

  variables {
    scope        = "CLOUDFRONT"
    associations = {}
    logs = {
      kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      retention_in_days = 365
    }
  }

  expect_failures = [aws_cloudwatch_metric_alarm.this]
}
