# The API Gateway CloudWatch Logs role is an account-wide (per region)
# setting: every REST API of the account and region logs through it. Only
# one stack per account and region may manage it (manage_account_cloudwatch_role).

locals {
  cloudwatch_role_name = "${var.name_prefix}-apigateway-cloudwatch"
  cloudwatch_policy    = "arn:${var.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

module "cloudwatch_role" {
  source = "../iam-role"
  count  = var.manage_account_cloudwatch_role ? 1 : 0

  name                     = local.cloudwatch_role_name
  description              = "API Gateway (account-wide, ${var.region}) writes REST API logs to CloudWatch Logs."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ApiGatewayService"
      Effect    = "Allow"
      Principal = { Service = "apigateway.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  managed_policy_arns = { push-to-cloudwatch-logs = local.cloudwatch_policy }

  tags = { Name = local.cloudwatch_role_name }
}

resource "aws_api_gateway_account" "this" {
  count = var.manage_account_cloudwatch_role ? 1 : 0

  # The module's arn waits for the role's policy attachment.
  cloudwatch_role_arn = module.cloudwatch_role[0].arn
}
