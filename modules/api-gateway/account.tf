# The API Gateway CloudWatch Logs role is an account-wide (per region)
# setting: every REST API of the account and region logs through it. Only
# one stack per account and region may manage it (manage_account_cloudwatch_role).

locals {
  cloudwatch_role_name = "${var.name_prefix}-apigateway-cloudwatch"
  cloudwatch_policy    = "arn:${var.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_iam_role" "cloudwatch" {
  count = var.manage_account_cloudwatch_role ? 1 : 0

  name                 = local.cloudwatch_role_name
  description          = "API Gateway (account-wide, ${var.region}) writes REST API logs to CloudWatch Logs."
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ApiGatewayService"
      Effect    = "Allow"
      Principal = { Service = "apigateway.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = { Name = local.cloudwatch_role_name }
}

resource "aws_iam_role_policy_attachment" "cloudwatch" {
  count = var.manage_account_cloudwatch_role ? 1 : 0

  role       = aws_iam_role.cloudwatch[0].name
  policy_arn = local.cloudwatch_policy
}

resource "aws_iam_role_policy_attachments_exclusive" "cloudwatch" {
  count = var.manage_account_cloudwatch_role ? 1 : 0

  role_name   = aws_iam_role.cloudwatch[0].name
  policy_arns = [aws_iam_role_policy_attachment.cloudwatch[0].policy_arn]
}

resource "aws_iam_role_policies_exclusive" "cloudwatch" {
  count = var.manage_account_cloudwatch_role ? 1 : 0

  role_name    = aws_iam_role.cloudwatch[0].name
  policy_names = []
}

resource "aws_api_gateway_account" "this" {
  count = var.manage_account_cloudwatch_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.cloudwatch[0].arn

  depends_on = [aws_iam_role_policy_attachment.cloudwatch]
}
