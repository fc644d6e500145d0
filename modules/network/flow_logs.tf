# VPC flow logs (PCI DSS 10): all traffic, to a KMS-encrypted CloudWatch log
# group. The delivery role can only write to that one log group, and only the
# flow-logs service of this account may assume it.

locals {
  flow_log_group_name = "/aws/vpc/${var.name_prefix}/flow-logs"

  # Built from known parts so that the policy is plain JSON at plan time.
  flow_log_group_arn = "arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:${local.flow_log_group_name}"
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = local.flow_log_group_name
  retention_in_days = var.flow_logs.retention_in_days
  kms_key_id        = var.flow_logs.kms_key_arn

  tags = {
    Name = "${var.name_prefix}-flow-logs"
  }
}

module "flow_logs_role" {
  source = "../iam-role"

  name                     = "${var.name_prefix}-vpc-flow-logs"
  description              = "Delivers ${var.name_prefix} VPC flow logs to CloudWatch Logs."
  permissions_boundary_arn = var.permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "VpcFlowLogsOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "vpc-flow-logs.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:ec2:${var.region}:${local.account_id}:vpc-flow-log/*" }
      }
    }]
  })

  # Keyed by a stable label (its address in state); the IAM name is the one
  # the policy always had.
  inline_policies = {
    write-flow-log-group = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid      = "WriteFlowLogGroupOnly"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
        Resource = "${local.flow_log_group_arn}:*"
      }]
    })
  }
  inline_policy_names = { write-flow-log-group = "${var.name_prefix}-vpc-flow-logs" }

  tags = {
    Name = "${var.name_prefix}-vpc-flow-logs"
  }
}

resource "aws_flow_log" "this" {
  vpc_id               = aws_vpc.this.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn         = module.flow_logs_role.arn

  tags = {
    Name = "${var.name_prefix}-flow-logs"
  }

  # The role must be able to write before the first delivery is attempted:
  # module.flow_logs_role.arn waits for its policy.
}
