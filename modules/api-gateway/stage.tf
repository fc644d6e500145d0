# Deployment and the "live" stage: access logs (JSON, KMS-encrypted),
# execution logs at ERROR (KMS-encrypted, pre-created so API Gateway does not
# create them unencrypted and kept forever), X-Ray, throttling.

locals {
  stage_name = "live"

  access_log_group_name = "/aws/apigateway/${var.name_prefix}"

  access_log_format = jsonencode({
    requestId          = "$context.requestId"
    ip                 = "$context.identity.sourceIp"
    caller             = "$context.identity.caller"
    user               = "$context.identity.user"
    requestTime        = "$context.requestTime"
    httpMethod         = "$context.httpMethod"
    resourcePath       = "$context.resourcePath"
    status             = "$context.status"
    protocol           = "$context.protocol"
    responseLength     = "$context.responseLength"
    integrationLatency = "$context.integrationLatency"
    integrationStatus  = "$context.integrationStatus"
    apiKeyId           = "$context.identity.apiKeyId"
    xrayTraceId        = "$context.xrayTraceId"
  })

  # Method settings paths are <resource path without the leading />/<method>.
  sensitive_method_paths = merge([for n, r in var.routes : {
    "${n}"       = "${trimprefix(r.path, "/")}/ANY"
    "${n}/proxy" = "${trimprefix(r.path, "/")}/{proxy+}/ANY"
  } if r.sensitive]...)
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "${var.name_prefix}-api"

  # A deployment is a snapshot: anything that shapes the API must redeploy it.
  triggers = {
    redeployment = sha1(jsonencode([
      var.routes,
      local.api_key_required,
      aws_api_gateway_resource.depth1,
      aws_api_gateway_resource.depth2,
      aws_api_gateway_resource.depth3,
      aws_api_gateway_resource.depth4,
      aws_api_gateway_resource.proxy,
      aws_api_gateway_method.route,
      aws_api_gateway_method.proxy,
      aws_api_gateway_integration.route,
      aws_api_gateway_integration.proxy,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = local.access_log_group_name
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = { Name = local.access_log_group_name }
}

# API Gateway writes execution logs to this fixed name; created here so it is
# encrypted and expires like every other log group.
resource "aws_cloudwatch_log_group" "execution" {
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${local.stage_name}"
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = { Name = "${var.name_prefix}-api-execution-logs" }
}

resource "aws_api_gateway_stage" "live" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = local.stage_name
  description          = "The one stage of ${var.name_prefix}-api, mapped at the root of ${var.domain_name}."
  xray_tracing_enabled = var.xray_tracing

  access_log_settings {
    destination_arn = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${aws_cloudwatch_log_group.access.name}"
    format          = local.access_log_format
  }

  tags = { Name = "${var.name_prefix}-api-${local.stage_name}" }

  # Logging needs the account's CloudWatch role; the execution log group must
  # exist before API Gateway would create it.
  depends_on = [aws_api_gateway_account.this, aws_cloudwatch_log_group.execution]
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.live.stage_name
  method_path = "*/*"

  settings {
    throttling_rate_limit  = var.throttling.rate_limit
    throttling_burst_limit = var.throttling.burst_limit
    metrics_enabled        = true
    logging_level          = "ERROR"
    data_trace_enabled     = false
  }
}

# Sensitive routes (cards, crypto, auth, resellers): stricter throttling on
# both of their methods. The other settings repeat the stage-wide ones.
resource "aws_api_gateway_method_settings" "sensitive" {
  for_each = local.sensitive_method_paths

  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.live.stage_name
  method_path = each.value

  settings {
    throttling_rate_limit  = var.throttling.sensitive_rate_limit
    throttling_burst_limit = var.throttling.sensitive_burst_limit
    metrics_enabled        = true
    logging_level          = "ERROR"
    data_trace_enabled     = false
  }

  depends_on = [aws_api_gateway_method_settings.all]
}
