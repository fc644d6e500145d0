# The function's own role, assumable only by Lambda on behalf of this account.
# One inline policy built from known ARNs (plain JSON in the plan), made
# exclusive: no managed policy (AWS's Lambda policies use Resource "*") and
# nothing attached outside this module survives. No action is a wildcard;
# Resource "*" appears only for actions that have no resource type.

locals {
  lambda_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
      }
    }]
  })

  ec2_arn_prefix = "arn:${var.partition}:ec2:${var.region}:${var.account_id}"

  policy = local.enabled ? jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RotateTheseSecretsOnly"
        Effect = "Allow"
        Action = [
          "secretsmanager:DescribeSecret",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage",
        ]
        Resource = local.secret_arns
      },
      {
        # GetRandomPassword has no resource type: it reads and writes nothing.
        Sid      = "GetRandomPasswordHasNoResource"
        Effect   = "Allow"
        Action   = "secretsmanager:GetRandomPassword"
        Resource = "*"
      },
      {
        # Secrets Manager decrypts and encrypts the values with the secrets'
        # keys on the function's behalf, for these secrets only.
        Sid      = "SecretKeysThroughSecretsManagerForTheseSecretsOnly"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = local.secret_kms_key_arns
        Condition = {
          StringEquals = {
            "kms:ViaService"                  = "secretsmanager.${var.region}.amazonaws.com"
            "kms:EncryptionContext:SecretARN" = local.secret_arns
          }
        }
      },
      {
        Sid      = "WriteOwnLogGroupOnly"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${local.log_group_arn}:*"
      },
      {
        # X-Ray trace ingestion has no resource type.
        Sid      = "XRayHasNoResourceLevelPermissions"
        Effect   = "Allow"
        Action   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        Resource = "*"
      },
      {
        # Lambda creates the function's network interfaces with this role:
        # only in the given subnets and only with the function's own group.
        Sid    = "CreateNetworkInterfacesInOwnSubnetsWithOwnGroupOnly"
        Effect = "Allow"
        Action = "ec2:CreateNetworkInterface"
        Resource = concat(
          ["${local.ec2_arn_prefix}:network-interface/*"],
          [for s in var.network.subnet_ids : "${local.ec2_arn_prefix}:subnet/${s}"],
          ["${local.ec2_arn_prefix}:security-group/${aws_security_group.this[0].id}"],
        )
      },
      {
        # Interface IDs are not known in advance; this account and region's
        # interfaces are as tight as EC2 allows (for DeleteNetworkInterface
        # Lambda's documentation asks for a specific or every interface ID).
        Sid      = "ManageNetworkInterfacesOfThisAccountAndRegion"
        Effect   = "Allow"
        Action   = ["ec2:AssignPrivateIpAddresses", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"]
        Resource = "${local.ec2_arn_prefix}:network-interface/*"
      },
      {
        # Describe calls have no resource-level permissions. DescribeSubnets
        # is part of AWS's current AWSLambdaVPCAccessExecutionRole (the
        # actions Lambda needs for VPC access).
        Sid      = "DescribeHasNoResourceLevelPermissions"
        Effect   = "Allow"
        Action   = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]
        Resource = "*"
      },
    ]
  }) : null
}

module "role" {
  source = "../iam-role"
  count  = local.enabled ? 1 : 0

  name                     = local.role_name
  description              = "Execution role of ${local.name}: rotate the given secrets, from inside the VPC."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy       = local.lambda_trust

  inline_policies = { secret-rotation = local.policy }

  tags = { Name = local.role_name }
}
