# Client address and origin guard (issue 20): behind a proxy every IP rule
# reads the forwarded client address and fails closed; an ACL whose only
# caller is internal carries no per-IP rules; an origin guard admits only the
# edge's secret header. rule_json is decoded after a mocked apply (Terraform's
# mocks fill computed values only at apply).

mock_provider "aws" {
  mock_resource "aws_wafv2_ip_set" {
    defaults = {
      arn = "arn:aws:wafv2:ap-southeast-1:123456789012:regional/ipset/lookcard-test-regional-allow-list/11111111-2222-3333-4444-555555555555"
    }
  }

  mock_data "aws_secretsmanager_random_password" {
    defaults = {
      random_password = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"
    }
  }
}

variables {
  associations = {
    api-stage = "arn:aws:apigateway:ap-southeast-1::/restapis/abcdef1234/stages/v1"
  }

  client_ip = { behind = "proxy", forwarded_ip_header = "CF-Connecting-IP" }

  managed_rule_groups = {
    AWSManagedRulesCommonRuleSet   = { priority = 10, action = "block" }
    AWSManagedRulesAnonymousIpList = { priority = 50, action = "count", reason = "Behind Cloudflare the source address is Cloudflare's" }
  }

  rate_limits = {
    per_ip           = 2000
    sensitive_per_ip = 300
    sensitive_paths  = ["/v1/cards", "/v1/crypto"]
  }
}

run "behind_a_proxy_ip_rules_read_the_forwarded_client_address" {
  command = apply

  assert {
    condition = alltrue([for n in ["rate-per-ip", "rate-sensitive-per-ip"] :
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == n]).Statement.RateBasedStatement.AggregateKeyType == "FORWARDED_IP" &&
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == n]).Statement.RateBasedStatement.ForwardedIPConfig == { HeaderName = "CF-Connecting-IP", FallbackBehavior = "MATCH" }
    ])
    error_message = "Behind a proxy the rate rules must aggregate on the forwarded client address (CF-Connecting-IP) and treat an invalid address as a match (blocked)."
  }

  assert {
    condition     = one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "allow-list"]).Statement.IPSetReferenceStatement.IPSetForwardedIPConfig == { HeaderName = "CF-Connecting-IP", FallbackBehavior = "NO_MATCH", Position = "FIRST" }
    error_message = "Behind a proxy the allow-list must match the forwarded client address, never on an invalid one (NO_MATCH)."
  }

  assert {
    condition = (
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "require-client-ip"]).Priority == 1 &&
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "require-client-ip"]).Action == { Block = {} } &&
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "require-client-ip"]).Statement.NotStatement.Statement.SizeConstraintStatement.FieldToMatch == { SingleHeader = { Name = "cf-connecting-ip" } }
    )
    error_message = "WAF skips forwarded-IP rules when the header is missing: a request without it must be blocked first (fail closed)."
  }

  assert {
    condition     = aws_wafv2_web_acl.this[0].tags["ClientAddress"] == "forwarded:CF-Connecting-IP"
    error_message = "The ClientAddress tag says, in the plan, which header the IP rules read."
  }

  assert {
    condition     = aws_wafv2_web_acl.this[0].default_action[0].allow != [] && length(aws_wafv2_web_acl.this[0].default_action[0].block) == 0
    error_message = "An edge ACL allows what no rule blocks."
  }
}

run "behind_a_proxy_with_its_ranges_only_the_proxy_reaches_the_resource" {
  command = apply

  variables {
    client_ip = {
      behind              = "proxy"
      forwarded_ip_header = "CF-Connecting-IP"
      proxy_cidrs         = ["173.245.48.0/20", "103.21.244.0/22", "2400:cb00::/32"]
    }
  }

  assert {
    condition     = aws_wafv2_ip_set.proxy["IPV4"].addresses == toset(["173.245.48.0/20", "103.21.244.0/22"]) && aws_wafv2_ip_set.proxy["IPV6"].addresses == toset(["2400:cb00::/32"]) && aws_wafv2_ip_set.proxy["IPV6"].ip_address_version == "IPV6"
    error_message = "The proxy's ranges must be one IP set per address family."
  }

  # Blocked unless the header is present AND the source is one of the proxy's
  # addresses (the source address, never the forgeable header).
  assert {
    condition = (
      length(one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "require-client-ip"]).Statement.NotStatement.Statement.AndStatement.Statements) == 2 &&
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "require-client-ip"]).Statement.NotStatement.Statement.AndStatement.Statements[0].SizeConstraintStatement.FieldToMatch == { SingleHeader = { Name = "cf-connecting-ip" } } &&
      length(one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "require-client-ip"]).Statement.NotStatement.Statement.AndStatement.Statements[1].OrStatement.Statements) == 2 &&
      alltrue([for st in one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "require-client-ip"]).Statement.NotStatement.Statement.AndStatement.Statements[1].OrStatement.Statements : !can(st.IPSetReferenceStatement.IPSetForwardedIPConfig)])
    )
    error_message = "Behind a proxy with published ranges, a request without the client-IP header or from a source outside the proxy's ranges must be blocked first."
  }

  # A direct request with a forged header naming a partner must not be allowed.
  assert {
    condition = (
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "allow-list"]).Priority == 0 &&
      length(one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "allow-list"]).Statement.AndStatement.Statements) == 2 &&
      can(one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "allow-list"]).Statement.AndStatement.Statements[0].OrStatement) &&
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "allow-list"]).Statement.AndStatement.Statements[1].IPSetReferenceStatement.IPSetForwardedIPConfig.HeaderName == "CF-Connecting-IP"
    )
    error_message = "The allow-list must believe the forwarded address only from the proxy's ranges."
  }
}

run "rejects_proxy_ranges_that_are_not_cidrs" {
  command = plan

  variables {
    client_ip = { behind = "proxy", forwarded_ip_header = "CF-Connecting-IP", proxy_cidrs = ["cloudflare"] }
  }

  expect_failures = [var.client_ip]
}

run "rejects_proxy_ranges_without_a_proxy" {
  command = plan

  variables {
    client_ip = { behind = "internet", proxy_cidrs = ["173.245.48.0/20"] }
  }

  expect_failures = [var.client_ip]
}

run "direct_clients_keep_the_source_address" {
  command = apply

  variables {
    client_ip = { behind = "internet" }
  }

  assert {
    condition     = one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "rate-per-ip"]).Statement.RateBasedStatement.AggregateKeyType == "IP" && !contains(output.rule_names, "require-client-ip")
    error_message = "Without a proxy the rate rules aggregate on the source address and no header is required."
  }
}

run "refuses_per_ip_rules_behind_a_proxy_without_forwarded_ip" {
  command = plan

  variables {
    client_ip = { behind = "proxy" }
  }

  expect_failures = [aws_wafv2_web_acl.this]
}

run "refuses_per_ip_rules_when_the_only_caller_is_internal" {
  command = plan

  variables {
    client_ip = { behind = "internal" }
  }

  expect_failures = [aws_wafv2_web_acl.this]
}

run "refuses_blocking_ip_reputation_groups_behind_a_proxy" {
  command = plan

  variables {
    managed_rule_groups = {
      AWSManagedRulesAnonymousIpList = { priority = 50, action = "block" }
    }
  }

  expect_failures = [aws_wafv2_web_acl.this]
}

run "refuses_a_forwarded_header_without_a_proxy" {
  command = plan

  variables {
    client_ip = { behind = "internet", forwarded_ip_header = "X-Forwarded-For" }
  }

  expect_failures = [var.client_ip]
}

run "origin_guard_blocks_all_but_the_edge_secret_and_the_health_check" {
  command = apply

  variables {
    name_suffix = "origins"
    client_ip   = { behind = "internal" }
    associations = {
      alb        = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/lookcard-test/0123456789abcdef"
      app-runner = "arn:aws:apprunner:ap-southeast-1:123456789012:service/lookcard-test-web-app/0123456789abcdef0123456789abcdef"
    }
    managed_rule_groups = {}
    rate_limits         = null
    allow_cidrs         = []
    origin_verify = {
      header_name       = "x-origin-verify"
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      health_check_path = "/lb-health"
    }
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this[0].default_action[0].block) == 1 && length(aws_wafv2_web_acl.this[0].default_action[0].allow) == 0
    error_message = "An origin guard blocks by default."
  }

  assert {
    condition     = output.rule_names == tolist(["origin-verify", "health-check-paths"]) && aws_wafv2_web_acl.this[0].name == "lookcard-test-origins"
    error_message = "An origin guard holds only the origin-secret and health-check rules, named by name_suffix."
  }

  assert {
    condition = (
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "origin-verify"]).Statement.ByteMatchStatement.SearchString == base64encode("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL") &&
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "origin-verify"]).Statement.ByteMatchStatement.PositionalConstraint == "EXACTLY" &&
      one([for r in jsondecode(aws_wafv2_web_acl.this[0].rule_json) : r if r.Name == "origin-verify"]).Action == { Allow = {} }
    )
    error_message = "The origin guard allows exactly the generated secret in the origin header."
  }

  assert {
    condition     = aws_secretsmanager_secret.origin_verify[0].kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222" && output.origin_verify_header.name == "x-origin-verify"
    error_message = "The origin secret is kept in Secrets Manager under the customer-managed key and handed to the edge."
  }

  assert {
    condition     = length(aws_wafv2_web_acl_association.this) == 2
    error_message = "The guard is associated with the ALB and App Runner."
  }

  assert {
    condition     = contains([for f in aws_wafv2_web_acl_logging_configuration.this[0].redacted_fields : one(f.single_header).name], "x-origin-verify")
    error_message = "The origin secret header is redacted from the WAF logs."
  }
}

run "refuses_per_ip_rules_on_an_origin_guard" {
  command = plan

  variables {
    client_ip           = { behind = "internet" }
    managed_rule_groups = {}
    allow_cidrs         = []
    origin_verify = {
      header_name = "x-origin-verify"
      kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    }
  }

  expect_failures = [aws_wafv2_web_acl.this]
}

# Sandbox turns WAF off while still sitting behind Cloudflare: the proxy
# ranges must not refer to IP sets that were never created.
run "disabled_behind_a_proxy_with_ranges_creates_nothing" {
  command = plan

  variables {
    enabled = false
    client_ip = {
      behind              = "proxy"
      forwarded_ip_header = "CF-Connecting-IP"
      proxy_cidrs         = ["173.245.48.0/20", "2400:cb00::/32"]
    }
  }

  assert {
    condition     = length(aws_wafv2_ip_set.proxy) == 0 && length(aws_wafv2_web_acl.this) == 0
    error_message = "A disabled ACL creates no proxy IP sets and no web ACL."
  }
}
