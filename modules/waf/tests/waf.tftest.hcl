# Guarantees of the WAF module, planned against the real AWS provider schema.
# One run per guarantee; the negative runs prove that bad input is refused
# with a message that says what to fix. The rules reach the plan as JSON text
# (rule_json), so they are asserted by decoding it. The IP set's ARN (which
# the allow rule references) is mocked, and the runs that decode rule_json
# apply against the mocks: Terraform's mocks fill computed values only at
# apply (OpenTofu's already at plan), so rule_json is known on both engines.

mock_provider "aws" {
  mock_resource "aws_wafv2_ip_set" {
    defaults = {
      arn = "arn:aws:wafv2:ap-southeast-1:123456789012:regional/ipset/lookcard-test-regional-allow-list/11111111-2222-3333-4444-555555555555"
    }
  }
}

variables {
  associations = {
    alb       = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/lookcard-test/0123456789abcdef"
    api-stage = "arn:aws:apigateway:ap-southeast-1::/restapis/abcdef1234/stages/v1"
  }

  # Staging-like: the noisy groups only count, each with its reason.
  managed_rule_groups = {
    AWSManagedRulesAmazonIpReputationList = { priority = 10, action = "block" }
    AWSManagedRulesKnownBadInputsRuleSet  = { priority = 20, action = "block" }
    AWSManagedRulesCommonRuleSet          = { priority = 30, action = "count", reason = "QA uploads trip SizeRestrictions_BODY; tuned before production" }
    AWSManagedRulesSQLiRuleSet            = { priority = 40, action = "block" }
    AWSManagedRulesAnonymousIpList        = { priority = 50, action = "count", reason = "Testers use a VPN" }
  }

  allow_cidrs = ["203.0.113.0/24", "198.51.100.7/32"]
}

run "rule_json_parses_and_holds_the_managed_groups_and_the_per_ip_rate_rule" {
  command = apply

  assert {
    condition = toset([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r.Statement.ManagedRuleGroupStatement.Name if can(r.Statement.ManagedRuleGroupStatement)]) == toset([
      "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet",
      "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList",
    ])
    error_message = "The rule JSON must hold every configured AWS managed rule group."
  }

  assert {
    condition     = alltrue([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r.Statement.ManagedRuleGroupStatement.VendorName == "AWS" if can(r.Statement.ManagedRuleGroupStatement)])
    error_message = "Managed rule groups must be AWS's (VendorName AWS)."
  }

  assert {
    condition = one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-per-ip"]).Statement.RateBasedStatement == {
      Limit = 2000, AggregateKeyType = "IP", EvaluationWindowSec = 300
    }
    error_message = "The per-IP rate rule must aggregate by IP with the environment's limit over all routes (no scope-down)."
  }

  assert {
    condition     = one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-per-ip"]).Action == { Block = {} } && one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-per-ip"]).Priority == 100
    error_message = "The per-IP rate rule blocks, at priority 100."
  }

  assert {
    condition     = output.rule_names == tolist(["allow-list", "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesAnonymousIpList", "rate-per-ip", "rate-sensitive-per-ip"])
    error_message = "rule_names lists every rule in priority order."
  }
}

run "sensitive_routes_have_a_stricter_rate_rule_scoped_to_their_paths" {
  command = apply

  assert {
    condition     = one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-sensitive-per-ip"]).Statement.RateBasedStatement.Limit == 300
    error_message = "The sensitive-route rule uses rate_limits.sensitive_per_ip."
  }

  assert {
    condition = [for s in one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-sensitive-per-ip"]).Statement.RateBasedStatement.ScopeDownStatement.OrStatement.Statements :
    base64decode(s.ByteMatchStatement.SearchString) if s.ByteMatchStatement.PositionalConstraint == "STARTS_WITH" && s.ByteMatchStatement.FieldToMatch == { UriPath = {} }] == ["/v1/cards", "/v1/crypto", "/v1/auth"]
    error_message = "The sensitive-route rule is scoped down to URI paths starting with each sensitive path (SearchString base64, as the provider decodes it)."
  }
}

run "a_single_sensitive_path_is_a_plain_byte_match" {
  command = apply

  variables {
    rate_limits = { per_ip = 2000, sensitive_per_ip = 300, sensitive_paths = ["/v1/cards"] }
  }

  assert {
    condition     = base64decode(one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-sensitive-per-ip"]).Statement.RateBasedStatement.ScopeDownStatement.ByteMatchStatement.SearchString) == "/v1/cards"
    error_message = "One sensitive path is a ByteMatchStatement: WAF's OrStatement needs at least two statements."
  }
}

run "every_rule_has_metrics_and_sampled_requests" {
  command = apply

  assert {
    condition = alltrue([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) :
    r.VisibilityConfig.SampledRequestsEnabled && r.VisibilityConfig.CloudWatchMetricsEnabled && r.VisibilityConfig.MetricName == output.metric_names[r.Name]])
    error_message = "Every rule must have CloudWatch metrics and sampled requests on, with the metric name given in metric_names."
  }

  assert {
    condition     = aws_wafv2_web_acl.this[0].visibility_config[0].cloudwatch_metrics_enabled && aws_wafv2_web_acl.this[0].visibility_config[0].sampled_requests_enabled
    error_message = "The web ACL itself must have metrics and sampled requests on."
  }

  assert {
    condition     = aws_wafv2_web_acl.this[0].default_action[0].allow != [] && length(aws_wafv2_web_acl.this[0].default_action[0].block) == 0
    error_message = "The default action is allow: the rules decide what is blocked."
  }
}

run "production_blocks_with_the_core_groups" {
  command = apply

  variables {
    managed_rule_groups = {
      AWSManagedRulesAmazonIpReputationList = { priority = 10, action = "block" }
      AWSManagedRulesKnownBadInputsRuleSet  = { priority = 20, action = "block" }
      AWSManagedRulesCommonRuleSet          = { priority = 30, action = "block" }
      AWSManagedRulesSQLiRuleSet            = { priority = 40, action = "block" }
      AWSManagedRulesAnonymousIpList        = { priority = 50, action = "block" }
    }
    rate_limits = { per_ip = 1000, sensitive_per_ip = 100, sensitive_paths = ["/v1/cards", "/v1/crypto", "/v1/auth"] }
  }

  assert {
    condition = toset([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r.Name if try(r.OverrideAction == { None = {} }, false)]) == toset([
      "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet",
      "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList",
    ])
    error_message = "With production-like input every core managed group blocks (OverrideAction None), none only counts."
  }

  assert {
    condition     = one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-per-ip"]).Statement.RateBasedStatement.Limit == 1000
    error_message = "The per-IP rate rule carries the environment's limit."
  }
}

run "count_groups_carry_a_reason_and_count" {
  command = apply

  assert {
    condition = toset([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r.Name if try(r.OverrideAction == { Count = {} }, false)]) == toset([
      for n, g in var.managed_rule_groups : n if g.action == "count" && try(trimspace(g.reason), "") != ""
    ])
    error_message = "Exactly the groups set to count get OverrideAction Count, and each carries a reason."
  }
}

run "allow_list_is_an_ip_set_allowed_first" {
  command = apply

  assert {
    condition     = aws_wafv2_ip_set.allow[0].addresses == toset(["203.0.113.0/24", "198.51.100.7/32"]) && aws_wafv2_ip_set.allow[0].scope == "REGIONAL" && aws_wafv2_ip_set.allow[0].ip_address_version == "IPV4"
    error_message = "The allow-list IP set holds exactly allow_cidrs, in the web ACL's scope."
  }

  assert {
    condition     = jsondecode(aws_wafv2_web_acl.this[0].rule_json)[0].Name == "allow-list" && jsondecode(aws_wafv2_web_acl.this[0].rule_json)[0].Priority == 0 && jsondecode(aws_wafv2_web_acl.this[0].rule_json)[0].Action == { Allow = {} }
    error_message = "The allow-list rule comes first (priority 0) with action Allow."
  }
}

run "empty_allow_list_creates_no_ip_set_and_no_allow_rule" {
  command = plan

  variables {
    allow_cidrs = []
  }

  assert {
    condition     = length(aws_wafv2_ip_set.allow) == 0 && !contains(output.rule_names, "allow-list")
    error_message = "No allow_cidrs: no IP set and no allow rule."
  }
}

run "logging_is_on_encrypted_and_redacts_credentials" {
  command = plan

  assert {
    condition     = startswith(aws_cloudwatch_log_group.this[0].name, "aws-waf-logs-") && output.log_group_name == "aws-waf-logs-lookcard-test-regional"
    error_message = "WAF logs go to a log group whose name starts with aws-waf-logs- (WAF's requirement)."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this[0].kms_key_id == var.logs.kms_key_arn && aws_cloudwatch_log_group.this[0].retention_in_days == 365
    error_message = "The WAF log group is encrypted with the logs KMS key and keeps logs for the environment's retention."
  }

  assert {
    condition     = length(aws_wafv2_web_acl_logging_configuration.this) == 1
    error_message = "Logging must be configured for the web ACL."
  }

  assert {
    condition     = toset(flatten([for f in aws_wafv2_web_acl_logging_configuration.this[0].redacted_fields : [for h in f.single_header : h.name]])) == toset(["authorization", "cookie"])
    error_message = "The authorization and cookie headers must be redacted from WAF logs."
  }
}

run "associations_created_for_each_entry" {
  command = plan

  assert {
    condition     = tomap({ for k, a in aws_wafv2_web_acl_association.this : k => a.resource_arn }) == tomap(var.associations)
    error_message = "Every public entry point passed in (ALB, API Gateway stage) gets a web ACL association."
  }
}

run "cloudfront_scope_names_and_no_associations" {
  command = plan

  variables {
    scope        = "CLOUDFRONT"
    associations = {}
    logs = {
      kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      retention_in_days = 365
    }
  }

  assert {
    condition     = aws_wafv2_web_acl.this[0].scope == "CLOUDFRONT" && aws_wafv2_ip_set.allow[0].scope == "CLOUDFRONT" && output.log_group_name == "aws-waf-logs-lookcard-test-cloudfront" && length(aws_wafv2_web_acl_association.this) == 0
    error_message = "A CLOUDFRONT web ACL and IP set are scoped CLOUDFRONT, log to their own group, and are attached by the distribution rather than by associations."
  }
}

run "long_prefix_stays_within_waf_name_limits" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this[0].name) <= 128 && length(aws_wafv2_ip_set.allow[0].name) <= 128 && alltrue([for m in values(output.metric_names) : length(m) <= 255])
    error_message = "Web ACL and IP set names fit WAF's 128 characters and metric names its 255."
  }
}

run "disabled_creates_nothing" {
  command = plan

  variables {
    enabled = false
  }

  assert {
    condition = (length(aws_wafv2_web_acl.this) + length(aws_wafv2_ip_set.allow) + length(aws_wafv2_web_acl_association.this)
    + length(aws_cloudwatch_log_group.this) + length(aws_wafv2_web_acl_logging_configuration.this)) == 0
    error_message = "enabled = false creates nothing."
  }

  assert {
    condition     = output.web_acl_arn == null && output.web_acl_name == null && output.log_group_name == null && length(output.rule_names) == 0 && length(output.metric_names) == 0
    error_message = "A disabled WAF reports null/empty outputs."
  }
}

# --- Bad input -------------------------------------------------------------

run "rejects_rate_limit_below_aws_minimum" {
  command = plan

  variables {
    rate_limits = { per_ip = 2000, sensitive_per_ip = 5, sensitive_paths = ["/v1/cards"] }
  }

  expect_failures = [var.rate_limits]
}

run "rejects_rate_limit_above_aws_maximum" {
  command = plan

  variables {
    rate_limits = { per_ip = 3000000000, sensitive_per_ip = 300, sensitive_paths = ["/v1/cards"] }
  }

  expect_failures = [var.rate_limits]
}

run "rejects_sensitive_limit_looser_than_per_ip" {
  command = plan

  variables {
    rate_limits = { per_ip = 300, sensitive_per_ip = 2000, sensitive_paths = ["/v1/cards"] }
  }

  expect_failures = [var.rate_limits]
}

run "rejects_allow_cidr_with_prefix_33" {
  command = plan

  variables {
    allow_cidrs = ["10.0.0.0/33"]
  }

  expect_failures = [var.allow_cidrs]
}

run "rejects_allow_entry_that_is_not_a_cidr" {
  command = plan

  variables {
    allow_cidrs = ["office"]
  }

  expect_failures = [var.allow_cidrs]
}

run "rejects_allow_everyone" {
  command = plan

  variables {
    allow_cidrs = ["0.0.0.0/0"]
  }

  expect_failures = [var.allow_cidrs]
}

run "rejects_duplicate_priority_between_groups" {
  command = plan

  variables {
    managed_rule_groups = {
      AWSManagedRulesCommonRuleSet = { priority = 10, action = "block" }
      AWSManagedRulesSQLiRuleSet   = { priority = 10, action = "block" }
    }
  }

  expect_failures = [var.managed_rule_groups]
}

run "rejects_priority_of_a_fixed_rule" {
  command = plan

  variables {
    managed_rule_groups = {
      AWSManagedRulesCommonRuleSet = { priority = 100, action = "block" }
    }
  }

  expect_failures = [var.managed_rule_groups]
}

run "rejects_unsupported_managed_group" {
  command = plan

  variables {
    managed_rule_groups = {
      AWSManagedRulesFooRuleSet = { priority = 10, action = "block" }
    }
  }

  expect_failures = [var.managed_rule_groups]
}

run "rejects_count_without_reason" {
  command = plan

  variables {
    managed_rule_groups = {
      AWSManagedRulesCommonRuleSet = { priority = 10, action = "count" }
    }
  }

  expect_failures = [var.managed_rule_groups]
}

run "rejects_associations_on_cloudfront_scope" {
  command = plan

  variables {
    scope = "CLOUDFRONT"
    logs = {
      kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      retention_in_days = 365
    }
  }

  expect_failures = [aws_wafv2_web_acl.this]
}

run "rejects_cloudfront_logs_key_outside_us_east_1" {
  command = plan

  variables {
    scope        = "CLOUDFRONT"
    associations = {}
  }

  expect_failures = [aws_wafv2_web_acl.this]
}

run "rejects_retention_not_allowed_by_cloudwatch" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      retention_in_days = 10
    }
  }

  expect_failures = [var.logs]
}
