# Guarantees of the api-gateway module, planned against the real AWS provider
# schema. One run per guarantee; the negative runs prove that the inputs that
# must be refused are refused.

provider "aws" {
  region = "ap-southeast-1"
}

# Used only where a computed ID must be known for an assertion, in a mocked
# apply: Terraform (unlike OpenTofu) leaves mocked computed values unknown in
# a plan.
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_api_gateway_vpc_link" {
    defaults = {
      id = "vl0abc"
    }
  }

  mock_resource "aws_api_gateway_rest_api" {
    defaults = {
      id               = "a1b2c3d4e5"
      root_resource_id = "root000000"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/apigateway/lookcard-test"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/lookcard-test-apigateway-cloudwatch"
    }
  }
}

variables {
  name_prefix     = "lookcard-test"
  account_id      = "123456789012"
  region          = "ap-southeast-1"
  domain_name     = "api.test.lookcard.com"
  certificate_arn = "arn:aws:acm:ap-southeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"

  nlb = {
    arn      = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/net/lookcard-test-nlb/0123456789abcdef"
    dns_name = "lookcard-test-nlb-0123456789abcdef.elb.ap-southeast-1.amazonaws.com"
  }

  routes = {
    account-api  = { path = "/v1/accounts" }
    card-api     = { path = "/v1/cards", sensitive = true }
    reseller-api = { path = "/v1/resellers", sensitive = true }
    status-api   = { path = "/status" }
  }

  throttling = {
    rate_limit            = 500
    burst_limit           = 1000
    sensitive_rate_limit  = 50
    sensitive_burst_limit = 100
  }

  logs = {
    kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
    retention_in_days = 365
  }

  resellers = {
    acme   = { quota_per_day = 100000, rate_limit = 20, burst_limit = 40 }
    globex = { quota_per_day = 5000, rate_limit = 5, burst_limit = 10 }
  }
}

run "rest_api_is_regional_and_only_the_custom_domain_serves_it" {
  command = plan

  assert {
    condition     = aws_api_gateway_rest_api.this.endpoint_configuration[0].types == tolist(["REGIONAL"])
    error_message = "The REST API must be regional (Cloudflare is the edge)."
  }

  assert {
    condition     = aws_api_gateway_rest_api.this.disable_execute_api_endpoint == true
    error_message = "The default execute-api endpoint must be disabled: only the custom domain serves traffic."
  }
}

run "custom_domain_is_regional_with_tls_1_2" {
  command = plan

  assert {
    condition     = aws_api_gateway_domain_name.this.domain_name == "api.test.lookcard.com" && aws_api_gateway_domain_name.this.security_policy == "TLS_1_2"
    error_message = "The custom domain must require TLS 1.2 or newer."
  }

  assert {
    condition     = aws_api_gateway_domain_name.this.endpoint_configuration[0].types == tolist(["REGIONAL"]) && aws_api_gateway_domain_name.this.regional_certificate_arn == "arn:aws:acm:ap-southeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
    error_message = "The custom domain must be regional, with the given regional certificate."
  }

  assert {
    condition     = aws_api_gateway_base_path_mapping.this.stage_name == "live" && aws_api_gateway_base_path_mapping.this.base_path == null
    error_message = "The live stage is mapped at the root of the custom domain."
  }
}

run "vpc_link_targets_the_nlb" {
  command = plan

  assert {
    condition     = aws_api_gateway_vpc_link.this.target_arns == tolist(["arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/net/lookcard-test-nlb/0123456789abcdef"])
    error_message = "The VPC link must target the internal NLB only."
  }
}

run "shared_path_segments_are_created_once" {
  command = plan

  assert {
    condition     = keys(aws_api_gateway_resource.depth1) == ["/status", "/v1"] && aws_api_gateway_resource.depth1["/v1"].path_part == "v1"
    error_message = "/v1 is shared by three routes and must exist once."
  }

  assert {
    condition     = keys(aws_api_gateway_resource.depth2) == ["/v1/accounts", "/v1/cards", "/v1/resellers"] && aws_api_gateway_resource.depth2["/v1/cards"].path_part == "cards"
    error_message = "Each route's last segment is one resource under its parent."
  }

  assert {
    condition     = length(aws_api_gateway_resource.depth3) == 0 && length(aws_api_gateway_resource.depth4) == 0
    error_message = "No deeper resources exist than the routes need."
  }

  assert {
    condition     = keys(aws_api_gateway_resource.proxy) == ["account-api", "card-api", "reseller-api", "status-api"] && alltrue([for r in aws_api_gateway_resource.proxy : r.path_part == "{proxy+}"])
    error_message = "Every route gets one {proxy+} child for everything below its path."
  }
}

run "every_route_has_one_integration_per_method_to_its_path" {
  command = plan

  assert {
    condition     = sort(keys(aws_api_gateway_integration.route)) == sort(keys(var.routes)) && sort(keys(aws_api_gateway_integration.proxy)) == sort(keys(var.routes))
    error_message = "Every route must have exactly one integration for its path and one for everything below it, and no other integration may exist."
  }

  assert {
    condition = alltrue([for n, r in var.routes :
      aws_api_gateway_integration.route[n].uri == "https://api.test.lookcard.com${r.path}" &&
      aws_api_gateway_integration.proxy[n].uri == "https://api.test.lookcard.com${r.path}/{proxy}"
    ])
    error_message = "Each integration must forward to the service's own path (and the proxied rest of it), over HTTPS."
  }

  assert {
    condition = alltrue([for i in concat(values(aws_api_gateway_integration.route), values(aws_api_gateway_integration.proxy)) :
      i.type == "HTTP_PROXY" && i.connection_type == "VPC_LINK" && i.integration_http_method == "ANY"
    ])
    error_message = "Every integration is an HTTP proxy through the VPC link."
  }

  assert {
    condition     = alltrue([for i in values(aws_api_gateway_integration.proxy) : i.request_parameters == tomap({ "integration.request.path.proxy" = "method.request.path.proxy" })])
    error_message = "The proxied rest of the path must be passed to the backend."
  }

  assert {
    condition     = alltrue([for m in concat(values(aws_api_gateway_method.route), values(aws_api_gateway_method.proxy)) : m.http_method == "ANY"])
    error_message = "Every route answers every HTTP method (ANY)."
  }
}

run "only_reseller_routes_require_an_api_key" {
  command = plan

  assert {
    condition     = aws_api_gateway_method.route["reseller-api"].api_key_required && aws_api_gateway_method.proxy["reseller-api"].api_key_required
    error_message = "The reseller API requires an API key on all of its methods."
  }

  assert {
    condition = alltrue([for n in ["account-api", "card-api", "status-api"] :
      !aws_api_gateway_method.route[n].api_key_required && !aws_api_gateway_method.proxy[n].api_key_required
    ])
    error_message = "Other routes must not require an API key."
  }
}

run "stage_logs_json_access_logs_to_an_encrypted_group_with_xray" {
  command = plan

  assert {
    condition     = aws_api_gateway_stage.live.stage_name == "live" && aws_api_gateway_stage.live.xray_tracing_enabled == true
    error_message = "The live stage must have X-Ray tracing on."
  }

  assert {
    condition     = aws_api_gateway_stage.live.access_log_settings[0].destination_arn == "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/apigateway/lookcard-test"
    error_message = "Access logs must go to /aws/apigateway/<name_prefix>."
  }

  assert {
    condition = alltrue([for f in ["requestId", "ip", "caller", "user", "requestTime", "httpMethod", "resourcePath", "status", "protocol", "responseLength", "integrationLatency"] :
      can(jsondecode(aws_api_gateway_stage.live.access_log_settings[0].format)[f])
    ])
    error_message = "The access log format must be JSON with requestId, ip, caller, user, requestTime, httpMethod, resourcePath, status, protocol, responseLength and integrationLatency."
  }

  assert {
    condition = (
      aws_cloudwatch_log_group.access.name == "/aws/apigateway/lookcard-test" &&
      aws_cloudwatch_log_group.access.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111" &&
      aws_cloudwatch_log_group.access.retention_in_days == 365
    )
    error_message = "The access log group must be encrypted with the logs key and keep logs for the given retention."
  }

  assert {
    condition     = aws_cloudwatch_log_group.execution.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111" && aws_cloudwatch_log_group.execution.retention_in_days == 365
    error_message = "The execution log group must be encrypted and expire too."
  }
}

run "xray_can_be_turned_off" {
  command = plan

  variables {
    xray_tracing = false
  }

  assert {
    condition     = aws_api_gateway_stage.live.xray_tracing_enabled == false
    error_message = "xray_tracing = false must turn tracing off."
  }
}

run "general_throttling_comes_from_the_input" {
  command = plan

  assert {
    condition = (
      aws_api_gateway_method_settings.all.method_path == "*/*" &&
      aws_api_gateway_method_settings.all.settings[0].throttling_rate_limit == 500 &&
      aws_api_gateway_method_settings.all.settings[0].throttling_burst_limit == 1000
    )
    error_message = "Every method must be throttled at throttling.rate_limit / burst_limit."
  }

  assert {
    condition = (
      aws_api_gateway_method_settings.all.settings[0].metrics_enabled == true &&
      aws_api_gateway_method_settings.all.settings[0].logging_level == "ERROR" &&
      aws_api_gateway_method_settings.all.settings[0].data_trace_enabled == false
    )
    error_message = "Metrics on, execution logging at ERROR, and never full request/response data traces (card data)."
  }
}

run "sensitive_routes_are_throttled_more_strictly" {
  command = plan

  assert {
    condition     = toset([for s in aws_api_gateway_method_settings.sensitive : s.method_path]) == toset(["v1/cards/ANY", "v1/cards/{proxy+}/ANY", "v1/resellers/ANY", "v1/resellers/{proxy+}/ANY"])
    error_message = "Both methods of every sensitive route, and only those, get their own settings (<resource path>/ANY)."
  }

  assert {
    condition = alltrue([for s in aws_api_gateway_method_settings.sensitive :
      s.settings[0].throttling_rate_limit == 50 && s.settings[0].throttling_burst_limit == 100 &&
      s.settings[0].logging_level == "ERROR" && s.settings[0].data_trace_enabled == false
    ])
    error_message = "Sensitive routes get the sensitive limits and keep logging at ERROR without data traces."
  }
}

run "each_reseller_has_a_usage_plan_with_quota_and_throttle" {
  command = plan

  assert {
    condition     = keys(aws_api_gateway_usage_plan.reseller) == ["acme", "globex"] && keys(aws_api_gateway_api_key.reseller) == ["acme", "globex"] && keys(aws_api_gateway_usage_plan_key.reseller) == ["acme", "globex"]
    error_message = "Every reseller gets exactly one usage plan, one API key and the key in its plan."
  }

  assert {
    condition = (
      aws_api_gateway_usage_plan.reseller["acme"].quota_settings[0].limit == 100000 &&
      aws_api_gateway_usage_plan.reseller["acme"].quota_settings[0].period == "DAY" &&
      aws_api_gateway_usage_plan.reseller["acme"].throttle_settings[0].rate_limit == 20 &&
      aws_api_gateway_usage_plan.reseller["acme"].throttle_settings[0].burst_limit == 40
    )
    error_message = "A reseller's usage plan has its daily quota and its throttle."
  }

  assert {
    condition     = one(aws_api_gateway_usage_plan.reseller["globex"].api_stages).stage == "live"
    error_message = "Usage plans apply to the live stage."
  }

  assert {
    condition     = alltrue([for k in aws_api_gateway_usage_plan_key.reseller : k.key_type == "API_KEY"])
    error_message = "Usage plan keys are API keys."
  }
}

run "no_resellers_no_usage_plans" {
  command = plan

  variables {
    resellers = {}
  }

  assert {
    condition     = length(aws_api_gateway_usage_plan.reseller) == 0 && length(aws_api_gateway_api_key.reseller) == 0
    error_message = "Without resellers there are no usage plans or API keys."
  }
}

run "account_cloudwatch_role_is_trusted_by_api_gateway_only" {
  command = plan

  assert {
    condition     = jsondecode(module.cloudwatch_role[0].assume_role_policy).Statement[0].Principal == { Service = "apigateway.amazonaws.com" } && length(jsondecode(module.cloudwatch_role[0].assume_role_policy).Statement) == 1
    error_message = "Only API Gateway may assume the CloudWatch role."
  }

  assert {
    condition     = toset(module.cloudwatch_role[0].managed_policy_arns) == toset(["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"])
    error_message = "The role holds exactly the AWS-managed AmazonAPIGatewayPushToCloudWatchLogs policy."
  }
}

run "a_second_stack_leaves_the_account_role_alone" {
  command = plan

  variables {
    manage_account_cloudwatch_role = false
  }

  assert {
    condition     = length(aws_api_gateway_account.this) == 0 && length(module.cloudwatch_role) == 0
    error_message = "manage_account_cloudwatch_role = false must not touch the account-wide setting."
  }
}

run "route_paths_are_known_at_plan" {
  command = plan

  assert {
    condition     = output.route_paths == { account-api = "/v1/accounts", card-api = "/v1/cards", reseller-api = "/v1/resellers", status-api = "/status" }
    error_message = "route_paths must map each service to its path at plan time."
  }

  assert {
    condition     = output.stage_name == "live" && output.access_log_group_name == "/aws/apigateway/lookcard-test"
    error_message = "stage_name and access_log_group_name must be known at plan time."
  }
}

run "accepts_another_domain" {
  command = plan

  variables {
    domain_name = "api.lookcard.net"
  }

  assert {
    condition     = aws_api_gateway_domain_name.this.domain_name == "api.lookcard.net"
    error_message = "Any lower-case DNS name is a valid custom domain."
  }
}

# ── Refused inputs ────────────────────────────────────────────────────────

run "rejects_burst_below_rate" {
  command = plan

  variables {
    throttling = { rate_limit = 500, burst_limit = 100, sensitive_rate_limit = 50, sensitive_burst_limit = 100 }
  }

  expect_failures = [var.throttling]
}

run "rejects_a_zero_rate" {
  command = plan

  variables {
    throttling = { rate_limit = 0, burst_limit = 1000, sensitive_rate_limit = 0, sensitive_burst_limit = 100 }
  }

  expect_failures = [var.throttling]
}

run "rejects_sensitive_limits_above_the_general_ones" {
  command = plan

  variables {
    throttling = { rate_limit = 500, burst_limit = 1000, sensitive_rate_limit = 600, sensitive_burst_limit = 1000 }
  }

  expect_failures = [var.throttling]
}

run "rejects_a_domain_that_is_not_a_dns_name" {
  command = plan

  variables {
    domain_name = "API bad"
  }

  expect_failures = [var.domain_name]
}

run "rejects_a_retention_cloudwatch_does_not_offer" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      retention_in_days = 42
    }
  }

  expect_failures = [var.logs]
}

run "rejects_a_kms_alias" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-logs"
      retention_in_days = 365
    }
  }

  expect_failures = [var.logs]
}

run "rejects_nested_route_paths" {
  command = plan

  variables {
    routes = {
      v1-api   = { path = "/v1" }
      card-api = { path = "/v1/cards" }
    }
  }

  expect_failures = [var.routes]
}

run "rejects_an_alb_as_the_vpc_link_target" {
  command = plan

  variables {
    nlb = {
      arn      = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/lookcard-test-alb/0123456789abcdef"
      dns_name = "lookcard-test-nlb-0123456789abcdef.elb.ap-southeast-1.amazonaws.com"
    }
  }

  expect_failures = [var.nlb]
}

run "rejects_a_certificate_from_another_region" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }

  expect_failures = [aws_api_gateway_domain_name.this]
}

run "rejects_resellers_without_a_reseller_route" {
  command = plan

  variables {
    routes = {
      card-api = { path = "/v1/cards", sensitive = true }
    }
  }

  expect_failures = [aws_api_gateway_usage_plan.reseller]
}

# ── Runs that need computed IDs: a mocked apply (no cloud), last so that
# their state does not reach the plan-only runs above.

run "integrations_go_through_the_vpc_link" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = alltrue([for i in concat(values(aws_api_gateway_integration.route), values(aws_api_gateway_integration.proxy)) : i.connection_id == "vl0abc"])
    error_message = "Every integration must connect through the module's VPC link."
  }

  assert {
    condition     = aws_cloudwatch_log_group.execution.name == "API-Gateway-Execution-Logs_a1b2c3d4e5/live"
    error_message = "The execution log group must be the one API Gateway writes to for this API's live stage."
  }

  assert {
    condition     = aws_api_gateway_account.this[0].cloudwatch_role_arn == module.cloudwatch_role[0].arn
    error_message = "The account-wide CloudWatch role must be the module's role."
  }
}

# ── Edge integrity (issue 20) ──────────────────────────────────────────────
run "without_mutual_tls_no_truststore_and_no_client_certificate" {
  command = plan

  assert {
    condition     = length(aws_api_gateway_domain_name.this.mutual_tls_authentication) == 0 && length(aws_s3_object.truststore) == 0
    error_message = "mutual_tls = null asks for no client certificate and creates no truststore."
  }
}

run "behind_cloudflare_only_its_origin_pull_certificate_connects" {
  command = plan

  variables {
    mutual_tls = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333" }
  }

  assert {
    condition     = aws_api_gateway_domain_name.this.mutual_tls_authentication[0].truststore_uri == "s3://lookcard-test-api-mtls-123456789012/cloudflare-origin-pull-ca.pem"
    error_message = "The custom domain requires a client certificate from the truststore object."
  }

  assert {
    condition     = aws_s3_object.truststore[0].key == "cloudflare-origin-pull-ca.pem" && strcontains(aws_s3_object.truststore[0].content, "BEGIN CERTIFICATE") && aws_s3_object.truststore[0].bucket == "lookcard-test-api-mtls-123456789012"
    error_message = "The truststore holds Cloudflare's origin-pull CA (PEM) in the module's bucket."
  }
}

run "integrations_add_the_origin_header_for_the_alb" {
  command = plan

  variables {
    origin_verify_header_name  = "x-origin-verify"
    origin_verify_header_value = "s3cr3t"
  }

  assert {
    condition = alltrue(concat(
      [for i in aws_api_gateway_integration.route : i.request_parameters["integration.request.header.x-origin-verify"] == "'s3cr3t'"],
      [for i in aws_api_gateway_integration.proxy : i.request_parameters["integration.request.header.x-origin-verify"] == "'s3cr3t'" && i.request_parameters["integration.request.path.proxy"] == "method.request.path.proxy"],
    ))
    error_message = "Every integration adds the origin header (a quoted static value) the ALB's web ACL admits, keeping the proxy path mapping."
  }
}

run "rejects_an_origin_header_name_that_is_not_one" {
  command = plan

  variables {
    origin_verify_header_name = "X Origin"
  }

  expect_failures = [var.origin_verify_header_name]
}

run "cloudwatch_role_carries_the_workload_permissions_boundary" {
  command = plan

  variables {
    manage_account_cloudwatch_role = true
    permissions_boundary_arn       = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = module.cloudwatch_role[0].permissions_boundary_arn == var.permissions_boundary_arn
    error_message = "The API Gateway logging role must carry the workload permissions boundary (the deploy role may create a role only with it)."
  }
}

run "rejects_a_boundary_that_is_not_the_workload_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  }

  expect_failures = [var.permissions_boundary_arn]
}
