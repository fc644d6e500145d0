# One API key and one usage plan per reseller partner. AWS generates the key
# value; it is never an input or an output (it sits in the state, which is
# encrypted). Hand it over with `aws apigateway get-api-key --include-value`.

resource "aws_api_gateway_usage_plan" "reseller" {
  for_each = var.resellers

  name        = "${var.name_prefix}-reseller-${each.key}"
  description = "Reseller partner ${each.key}: ${each.value.quota_per_day} requests a day."

  api_stages {
    api_id = aws_api_gateway_rest_api.this.id
    stage  = aws_api_gateway_stage.live.stage_name
  }

  throttle_settings {
    rate_limit  = each.value.rate_limit
    burst_limit = each.value.burst_limit
  }

  quota_settings {
    limit  = each.value.quota_per_day
    period = "DAY"
  }

  tags = { Name = "${var.name_prefix}-reseller-${each.key}", Reseller = each.key }

  lifecycle {
    precondition {
      condition     = anytrue(values(local.api_key_required))
      error_message = "Resellers are configured but no route requires an API key: include the reseller route (api_key_routes, by default reseller-api) in routes."
    }
  }
}

resource "aws_api_gateway_api_key" "reseller" {
  for_each = var.resellers

  name        = "${var.name_prefix}-reseller-${each.key}"
  description = "API key of reseller partner ${each.key}."
  enabled     = true

  tags = { Name = "${var.name_prefix}-reseller-${each.key}", Reseller = each.key }
}

resource "aws_api_gateway_usage_plan_key" "reseller" {
  for_each = var.resellers

  key_id        = aws_api_gateway_api_key.reseller[each.key].id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.reseller[each.key].id
}
