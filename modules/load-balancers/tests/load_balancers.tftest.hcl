# Guarantees of the load-balancers module, planned against the real AWS
# provider schema. One run per guarantee; the negative runs prove that the
# inputs that must be refused are refused.

provider "aws" {
  region = "ap-southeast-1"
}

# Used only where a computed ARN must be known for an assertion, in a mocked
# apply: Terraform (unlike OpenTofu) leaves mocked computed values unknown in
# a plan.
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_lb" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/lookcard-test-alb/0123456789abcdef"
      arn_suffix = "app/lookcard-test-alb/0123456789abcdef"
    }
  }

  mock_resource "aws_lb_target_group" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/lookcard-test-card-api/2222222222222222"
      arn_suffix = "targetgroup/lookcard-test-card-api/2222222222222222"
    }
  }
}

variables {
  name_prefix            = "lookcard-test"
  account_id             = "123456789012"
  region                 = "ap-southeast-1"
  vpc_id                 = "vpc-0123456789abcdef0"
  private_subnet_ids     = ["subnet-0b000000000000001", "subnet-0b000000000000002"]
  alb_security_group_id  = "sg-0123456789abcdef0"
  nlb_security_group_ids = ["sg-0fedcba9876543210"]
  certificate_arn        = "arn:aws:acm:ap-southeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  deletion_protection    = true
  access_logs            = { retention_days = 365 }
  domain_name            = "test.lookcard.com"

  # A path, a sensitive path and a host.
  services = {
    account-api    = { port = 8080, health_check = "/health", route = { path = "/v1/accounts" } }
    card-api       = { port = 8080, health_check = "/health", route = { path = "/v1/cards", sensitive = true } }
    partner-portal = { port = 3000, health_check = "/", route = { host = "partners" } }
  }
}

run "alb_is_internal_in_the_private_subnets" {
  command = plan

  assert {
    condition     = aws_lb.alb.load_balancer_type == "application" && aws_lb.alb.internal == true
    error_message = "The ALB must be an internal application load balancer: an internet-facing one lets anyone skip API Gateway, its keys, throttling and web ACL."
  }

  assert {
    condition     = aws_lb.alb.subnets == toset(["subnet-0b000000000000001", "subnet-0b000000000000002"]) && aws_lb.alb.security_groups == toset(["sg-0123456789abcdef0"])
    error_message = "The ALB must sit in the private subnets behind the ALB security group."
  }
}

run "nlb_is_internal_and_cross_zone" {
  command = plan

  assert {
    condition     = aws_lb.nlb.load_balancer_type == "network" && aws_lb.nlb.internal == true
    error_message = "The NLB behind the VPC link must be an internal network load balancer."
  }

  assert {
    condition     = aws_lb.nlb.enable_cross_zone_load_balancing == true
    error_message = "The NLB must balance across zones."
  }

  assert {
    condition     = aws_lb.nlb.subnets == toset(["subnet-0b000000000000001", "subnet-0b000000000000002"])
    error_message = "The NLB must sit in the private subnets."
  }
}

run "nlb_has_security_groups_not_enforced_on_private_link" {
  command = plan

  assert {
    condition     = aws_lb.nlb.security_groups == toset(["sg-0fedcba9876543210"]) && aws_lb.nlb.enforce_security_group_inbound_rules_on_private_link_traffic == "off"
    error_message = "The NLB must use the given security groups (the ALB admits only them), not enforced on the VPC link's PrivateLink traffic."
  }
}

run "nlb_without_security_group_is_refused" {
  command = plan

  variables {
    nlb_security_group_ids = []
  }

  expect_failures = [var.nlb_security_group_ids]
}

run "nlb_passes_tls_through_to_the_alb_on_443" {
  command = plan

  assert {
    condition     = aws_lb_listener.nlb.port == 443 && aws_lb_listener.nlb.protocol == "TCP" && aws_lb_listener.nlb.default_action[0].type == "forward"
    error_message = "The NLB listens on 443 and forwards the TLS stream, unopened, to the ALB (only TCP listeners may forward to an alb target group)."
  }

  assert {
    condition     = aws_lb_target_group.alb.target_type == "alb" && aws_lb_target_group.alb.protocol == "TCP" && aws_lb_target_group.alb.port == 443
    error_message = "The NLB's target group must be of target type alb, TCP, port 443 (the ALB's HTTPS listener)."
  }

  assert {
    condition     = aws_lb_target_group.alb.health_check[0].protocol == "HTTPS" && aws_lb_target_group.alb.health_check[0].path == "/lb-health" && aws_lb_listener_rule.nlb_health.action[0].fixed_response[0].status_code == "200"
    error_message = "The NLB health-checks the ALB over HTTPS on /lb-health, which the ALB answers with 200."
  }
}

run "https_listener_uses_the_tls_policy_and_the_certificate" {
  command = plan

  assert {
    condition     = aws_lb_listener.https.port == 443 && aws_lb_listener.https.protocol == "HTTPS"
    error_message = "The ALB must listen for HTTPS on 443."
  }

  assert {
    condition     = aws_lb_listener.https.ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06" && aws_lb_listener.https.certificate_arn == "arn:aws:acm:ap-southeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
    error_message = "The HTTPS listener must use the TLS 1.2+ policy and the given certificate."
  }

  assert {
    condition     = aws_lb_listener.https.default_action[0].type == "fixed-response" && aws_lb_listener.https.default_action[0].fixed_response[0].status_code == "404"
    error_message = "Requests no rule claims get a fixed 404 from the ALB, never a service."
  }
}

run "alb_drops_invalid_header_fields" {
  command = plan

  assert {
    condition     = aws_lb.alb.drop_invalid_header_fields == true
    error_message = "The ALB must drop invalid HTTP header fields (request smuggling)."
  }
}

run "deletion_protection_is_passed_through" {
  command = plan

  assert {
    condition     = aws_lb.alb.enable_deletion_protection == true && aws_lb.nlb.enable_deletion_protection == true
    error_message = "deletion_protection = true must protect both load balancers."
  }
}

run "deletion_protection_off_when_asked" {
  command = plan

  variables {
    deletion_protection = false
  }

  assert {
    condition     = aws_lb.alb.enable_deletion_protection == false && aws_lb.nlb.enable_deletion_protection == false
    error_message = "deletion_protection = false must leave both load balancers deletable."
  }
}

run "every_service_gets_one_target_group_and_one_rule" {
  command = plan

  assert {
    condition     = keys(aws_lb_target_group.service) == ["account-api", "card-api", "partner-portal"] && keys(aws_lb_listener_rule.service) == ["account-api", "card-api", "partner-portal"]
    error_message = "Every service must get exactly one target group and one listener rule, and nothing else."
  }

  assert {
    condition = alltrue([for n, tg in aws_lb_target_group.service :
      tg.target_type == "ip" && tg.protocol == "HTTP" && tg.port == var.services[n].port && tg.vpc_id == "vpc-0123456789abcdef0" && tg.deregistration_delay == "30"
    ])
    error_message = "Target groups are ip/HTTP on the service's port in the VPC, with a 30 s deregistration delay."
  }

  assert {
    condition = alltrue([for n, tg in aws_lb_target_group.service :
      tg.health_check[0].path == var.services[n].health_check && tg.health_check[0].matcher == "200-399"
    ])
    error_message = "Each target group health-checks the service's own path and accepts 200-399."
  }
}

run "path_routes_match_the_prefix_and_below" {
  command = plan

  assert {
    condition     = one(one(aws_lb_listener_rule.service["card-api"].condition).path_pattern).values == toset(["/v1/cards", "/v1/cards/*"])
    error_message = "A path route matches exactly <path> and <path>/*."
  }

  assert {
    condition     = length(one(aws_lb_listener_rule.service["card-api"].condition).host_header) == 0
    error_message = "A path route does not restrict the host (API Gateway and direct clients send different ones)."
  }
}

run "host_routes_match_the_host_under_the_domain" {
  command = plan

  assert {
    condition     = one(one(aws_lb_listener_rule.service["partner-portal"].condition).host_header).values == toset(["partners.test.lookcard.com"])
    error_message = "A host route matches <host>.<domain_name>."
  }

  assert {
    condition     = length(one(aws_lb_listener_rule.service["partner-portal"].condition).path_pattern) == 0
    error_message = "A host route does not restrict the path."
  }
}

run "priorities_are_stable_when_a_service_is_added" {
  command = plan

  variables {
    services = {
      account-api    = { port = 8080, health_check = "/health", route = { path = "/v1/accounts" } }
      card-api       = { port = 8080, health_check = "/health", route = { path = "/v1/cards", sensitive = true } }
      partner-portal = { port = 3000, health_check = "/", route = { host = "partners" } }
      aaa-first-api  = { port = 8080, health_check = "/health", route = { path = "/v1/aaa" } }
    }
  }

  assert {
    condition     = aws_lb_listener_rule.service["card-api"].priority == 25001 + parseint(substr(sha256("card-api"), 0, 7), 16) % 24999
    error_message = "A service's rule priority depends on its own name only, so adding a service leaves the others' unchanged."
  }

  assert {
    condition     = aws_lb_listener_rule.service["partner-portal"].priority < 25001 && alltrue([for n in ["account-api", "card-api", "aaa-first-api"] : aws_lb_listener_rule.service[n].priority > 25000])
    error_message = "Host rules are evaluated before path rules."
  }

  assert {
    condition     = length(distinct(values(output.listener_rule_priorities))) == 4 && !contains(values(output.listener_rule_priorities), 1)
    error_message = "Priorities are unique and leave 1 to the NLB health-check rule."
  }
}

run "access_log_bucket_is_versioned_private_and_encrypted" {
  command = plan

  assert {
    condition     = module.access_logs_bucket.name == "lookcard-test-alb-logs-123456789012" && output.access_log_bucket == "lookcard-test-alb-logs-123456789012"
    error_message = "The access-log bucket is <name_prefix>-alb-logs-<account>."
  }

  assert {
    condition     = module.access_logs_bucket.versioning_status == "Enabled"
    error_message = "The access-log bucket must be versioned."
  }

  assert {
    condition = (
      module.access_logs_bucket.public_access_block.block_public_acls && module.access_logs_bucket.public_access_block.block_public_policy &&
      module.access_logs_bucket.public_access_block.ignore_public_acls && module.access_logs_bucket.public_access_block.restrict_public_buckets
    )
    error_message = "All four public access blocks must be on."
  }

  assert {
    condition     = module.access_logs_bucket.object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)."
  }

  assert {
    condition     = module.access_logs_bucket.server_side_encryption.sse_algorithm == "AES256"
    error_message = "The bucket must encrypt with SSE-S3, the only encryption ALB access logs support."
  }

  assert {
    condition     = aws_lb.alb.access_logs[0].enabled == true
    error_message = "The ALB must write access logs."
  }
}

run "access_log_bucket_policy_is_tls_only_and_admits_only_elb_log_delivery" {
  command = plan

  assert {
    condition = one([for s in jsondecode(module.access_logs_bucket.policy).Statement : s if s.Effect == "Deny"]) == {
      Sid       = "DenyNonTlsRequests", Effect = "Deny", Principal = "*", Action = "s3:*",
      Resource  = ["arn:aws:s3:::lookcard-test-alb-logs-123456789012", "arn:aws:s3:::lookcard-test-alb-logs-123456789012/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }
    error_message = "The bucket policy must deny every request that is not over TLS, on the bucket and its objects."
  }

  assert {
    condition = one([for s in jsondecode(module.access_logs_bucket.policy).Statement : s if s.Effect == "Allow"]) == {
      Sid       = "ElbLogDeliveryWritesThisAccountsLogs", Effect = "Allow", Action = "s3:PutObject",
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Resource  = "arn:aws:s3:::lookcard-test-alb-logs-123456789012/AWSLogs/123456789012/*"
    }
    error_message = "Only the ELB log-delivery service may write, and only under AWSLogs/<account>/."
  }
}

run "access_logs_expire_after_the_retention" {
  command = plan

  variables {
    access_logs = { retention_days = 400 }
  }

  assert {
    condition     = module.access_logs_bucket.lifecycle_rules[0].status == "Enabled" && module.access_logs_bucket.lifecycle_rules[0].expiration[0].days == 400
    error_message = "Access logs must expire after access_logs.retention_days."
  }

  assert {
    condition     = module.access_logs_bucket.lifecycle_rules[0].noncurrent_version_expiration[0].noncurrent_days == 30
    error_message = "Noncurrent versions must expire after 30 days."
  }
}

run "names_fit_elb_limits_with_a_long_prefix" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
    services = {
      account-api              = { port = 8080, health_check = "/health", route = { path = "/v1/accounts" } }
      card-api                 = { port = 8080, health_check = "/health", route = { path = "/v1/cards", sensitive = true } }
      partner-portal           = { port = 3000, health_check = "/", route = { host = "partners" } }
      a-twenty-four-char-name1 = { port = 8080, health_check = "/health", route = { path = "/v1/long" } }
    }
  }

  assert {
    condition     = length(aws_lb.alb.name) <= 32 && length(aws_lb.nlb.name) <= 32 && length(aws_lb_target_group.alb.name) <= 32
    error_message = "Load balancer and NLB target group names must be at most 32 characters."
  }

  assert {
    condition     = alltrue([for tg in aws_lb_target_group.service : length(tg.name) <= 32 && can(regex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$", tg.name))])
    error_message = "Target group names must be at most 32 letters, digits and dashes, not starting or ending with a dash."
  }

  assert {
    condition     = length(distinct([for tg in aws_lb_target_group.service : tg.name])) == 4 && length(distinct([aws_lb.alb.name, aws_lb.nlb.name])) == 2
    error_message = "Names must stay unique after shortening."
  }

  assert {
    condition     = length(module.access_logs_bucket.name) <= 63
    error_message = "The bucket name must fit S3's 63 characters."
  }
}

run "names_fit_elb_limits_with_the_longest_prefix" {
  command = plan

  variables {
    name_prefix = "lookcard-abcdefghijklmnopqrstuvwxyz0123"
  }

  assert {
    condition     = alltrue([for n in concat([aws_lb.alb.name, aws_lb.nlb.name, aws_lb_target_group.alb.name], [for tg in aws_lb_target_group.service : tg.name]) : length(n) <= 32])
    error_message = "Every ELB name must be at most 32 characters, whatever the prefix."
  }
}

run "short_names_stay_readable" {
  command = plan

  assert {
    condition     = aws_lb.alb.name == "lookcard-test-alb" && aws_lb.nlb.name == "lookcard-test-nlb"
    error_message = "Names that fit are <name_prefix>-<component>."
  }

  assert {
    condition     = startswith(aws_lb_target_group.service["card-api"].name, "test-card-api-") && aws_lb_target_group.service["card-api"].tags["Name"] == "lookcard-test-card-api"
    error_message = "Target group names start with <env>-<service> (lookcard- dropped for ELB's 32 characters); the Name tag is <name_prefix>-<service>."
  }
}

run "a_port_change_renames_the_target_group" {
  command = plan

  variables {
    services = {
      account-api    = { port = 8080, health_check = "/health", route = { path = "/v1/accounts" } }
      card-api       = { port = 9090, health_check = "/health", route = { path = "/v1/cards", sensitive = true } }
      partner-portal = { port = 3000, health_check = "/", route = { host = "partners" } }
    }
  }

  assert {
    condition     = aws_lb_target_group.service["card-api"].name == "test-card-api-${substr(sha1("lookcard-test/card-api/9090"), 0, 6)}"
    error_message = "A new port must give the target group a new name, so that create_before_destroy can replace it."
  }
}

# ── Refused inputs ────────────────────────────────────────────────────────

run "rejects_a_pre_tls12_policy" {
  command = plan

  variables {
    ssl_policy = "ELBSecurityPolicy-2016-08"
  }

  expect_failures = [var.ssl_policy]
}

run "rejects_a_tls13_policy_that_allows_tls10" {
  command = plan

  variables {
    ssl_policy = "ELBSecurityPolicy-TLS13-1-0-2021-06"
  }

  expect_failures = [var.ssl_policy]
}

run "accepts_a_forward_secrecy_tls12_policy" {
  command = plan

  variables {
    ssl_policy = "ELBSecurityPolicy-FS-1-2-Res-2020-10"
  }

  assert {
    condition     = aws_lb_listener.https.ssl_policy == "ELBSecurityPolicy-FS-1-2-Res-2020-10"
    error_message = "An FS-1-2 policy is TLS 1.2+ and must be accepted."
  }
}

run "rejects_two_services_on_one_path" {
  command = plan

  variables {
    services = {
      card-api   = { port = 8080, health_check = "/health", route = { path = "/v1/cards" } }
      card-api-2 = { port = 8080, health_check = "/health", route = { path = "/v1/cards" } }
    }
  }

  expect_failures = [var.services]
}

run "rejects_nested_paths" {
  command = plan

  variables {
    services = {
      v1-api   = { port = 8080, health_check = "/health", route = { path = "/v1" } }
      card-api = { port = 8080, health_check = "/health", route = { path = "/v1/cards" } }
    }
  }

  expect_failures = [var.services]
}

run "rejects_a_service_without_health_check" {
  command = plan

  variables {
    services = {
      card-api = { port = 8080, health_check = "", route = { path = "/v1/cards" } }
    }
  }

  expect_failures = [var.services]
}

run "rejects_a_route_with_both_path_and_host" {
  command = plan

  variables {
    services = {
      card-api = { port = 8080, health_check = "/health", route = { path = "/v1/cards", host = "cards" } }
    }
  }

  expect_failures = [var.services]
}

run "rejects_zero_retention" {
  command = plan

  variables {
    access_logs = { retention_days = 0 }
  }

  expect_failures = [var.access_logs]
}

run "rejects_a_certificate_from_another_region" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }

  expect_failures = [aws_lb.alb]
}

run "rejects_colliding_priority_overrides" {
  command = plan

  variables {
    services = {
      account-api = { port = 8080, health_check = "/health", route = { path = "/v1/accounts" }, priority = 100 }
      card-api    = { port = 8080, health_check = "/health", route = { path = "/v1/cards" }, priority = 100 }
    }
  }

  expect_failures = [aws_lb_listener_rule.service]
}

# ── Runs that need computed ARNs: a mocked apply (no cloud), last so that
# their state does not reach the plan-only runs above.

run "every_rule_forwards_to_a_service_target_group" {
  command = apply

  providers = {
    aws = aws.mock
  }

  # OpenTofu overrides whole resources, not single for_each instances: every
  # service target group gets the mock provider's ARN, the NLB's target group
  # a different one, so a rule that forwarded anywhere else would show.
  override_resource {
    target = aws_lb_target_group.alb
    values = {
      arn = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/lookcard-test-nlb-alb/9999999999999999"
    }
  }

  assert {
    condition = alltrue([for n, r in aws_lb_listener_rule.service :
      length(r.action) == 1 && r.action[0].type == "forward" && r.action[0].target_group_arn == aws_lb_target_group.service[n].arn
    ])
    error_message = "Every service's rule must only forward, to that service's target group."
  }

  assert {
    condition     = alltrue([for n, r in aws_lb_listener_rule.service : r.tags["Service"] == n && aws_lb_target_group.service[n].tags["Service"] == n])
    error_message = "Each rule and target group belongs to one catalog service (Service tag)."
  }

  assert {
    condition     = !contains([for r in aws_lb_listener_rule.service : r.action[0].target_group_arn], aws_lb_target_group.alb.arn)
    error_message = "No service rule may forward to the NLB's target group."
  }

  assert {
    condition     = output.alb_resource_labels["card-api"] == "app/lookcard-test-alb/0123456789abcdef/targetgroup/lookcard-test-card-api/2222222222222222"
    error_message = "alb_resource_labels must be <alb arn suffix>/<target group arn suffix>, as ALBRequestCountPerTarget expects."
  }

  assert {
    condition     = aws_lb_target_group_attachment.alb.target_id == aws_lb.alb.arn && aws_lb_target_group_attachment.alb.port == 443
    error_message = "The NLB's target group must hold the ALB itself, on 443."
  }
}
