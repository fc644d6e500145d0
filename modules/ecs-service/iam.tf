# Two roles per service, both assumable only by ECS tasks of this account:
# the execution role (pull the image, write the logs, read the secrets) and
# the task role (what the application itself may do). Inline policies only,
# made exclusive so that nothing attached outside this module survives.

locals {
  ecs_tasks_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EcsTasksOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
      }
    }]
  })

  secret_arns = sort([for s in values(var.secrets) : s.arn])

  execution_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "EcrAuthorizationTokenHasNoResource"
          Effect   = "Allow"
          Action   = "ecr:GetAuthorizationToken"
          Resource = "*"
        },
        {
          Sid      = "PullOwnRepositoryOnly"
          Effect   = "Allow"
          Action   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
          Resource = local.ecr_repository_arn
        },
        {
          Sid      = "WriteOwnLogGroupOnly"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${local.log_group_arn}:*"
        },
      ],
      # GuardDuty Runtime Monitoring's sidecar agent, pulled with this role
      # from GuardDuty's repository (ecr:GetAuthorizationToken above covers
      # its registry too); the precondition below reports an unknown region.
      local.guardduty_agent_repository_arn == null ? [] : [{
        Sid      = "PullGuardDutyRuntimeAgent"
        Effect   = "Allow"
        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = local.guardduty_agent_repository_arn
      }],
      length(local.secret_arns) == 0 ? [] : [{
        Sid      = "ReadOwnSecretsOnly"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = local.secret_arns
      }],
      length(local.secret_arns) == 0 ? [] : [{
        Sid      = "DecryptSecretsThroughSecretsManagerOnly"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = var.secrets_kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "secretsmanager.${var.region}.amazonaws.com" }
        }
      }],
    )
  })

  task_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid      = "XRayHasNoResourceLevelPermissions"
        Effect   = "Allow"
        Action   = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        Resource = "*"
      }],
      length(var.permissions.dynamodb_arns) == 0 ? [] : [{
        Sid    = "OwnTablesItems"
        Effect = "Allow"
        Action = [
          "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
          "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem",
        ]
        Resource = sort(var.permissions.dynamodb_arns)
      }],
      length(var.permissions.dynamodb_arns) == 0 ? [] : [{
        Sid      = "OwnTablesStreams"
        Effect   = "Allow"
        Action   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
        Resource = sort([for a in var.permissions.dynamodb_arns : "${a}/stream/*"])
      }],
      length(var.permissions.kms_key_arns) == 0 ? [] : [{
        Sid      = "OwnKeys"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
        Resource = sort(var.permissions.kms_key_arns)
      }],
      local.database_user_arn == null ? [] : [{
        Sid      = "OwnDatabaseUserOnly"
        Effect   = "Allow"
        Action   = "rds-db:connect"
        Resource = local.database_user_arn
      }],
      length(var.permissions.elasticache_arns) == 0 ? [] : [{
        Sid      = "OwnCacheOnly"
        Effect   = "Allow"
        Action   = "elasticache:Connect"
        Resource = sort(var.permissions.elasticache_arns)
      }],
      var.enable_execute_command ? [{
        Sid    = "EcsExecSessionChannelsHaveNoResource"
        Effect = "Allow"
        Action = [
          "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
        ]
        Resource = "*"
      }] : [],
      # The cluster encrypts sessions with its exec key and logs them to a
      # KMS-encrypted log group (logging OVERRIDE): the SSM agent in the task
      # decrypts the session with the key, looks the group up to check its
      # encryption (DescribeLogGroups, a list call IAM scopes no narrower than
      # log-group:*) and writes the session log. Without any of them every
      # execute-command fails.
      [for st in [
        {
          Sid      = "EcsExecDecryptSessionWithClusterKey"
          Effect   = "Allow"
          Action   = "kms:Decrypt"
          Resource = try(var.execute_command_configuration.kms_key_arn, null)
        },
        {
          Sid      = "EcsExecFindSessionLogGroup"
          Effect   = "Allow"
          Action   = "logs:DescribeLogGroups"
          Resource = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:*"
        },
        {
          Sid      = "EcsExecWriteSessionLog"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
          Resource = try("${local.exec_log_group_arn}:*", null)
        },
      ] : st if local.exec_logging],
    )
  })
}

# --- Execution role ----------------------------------------------------------

module "execution_role" {
  source = "../iam-role"

  name                     = local.execution_role_name
  description              = "ECS task execution role of ${local.name}: pull its image, write its logs, read its secrets."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy       = local.ecs_tasks_trust

  inline_policies = { execution = local.execution_policy }

  tags = merge(local.tags, { Name = local.execution_role_name })
}

# --- Task role ---------------------------------------------------------------

module "task_role" {
  source = "../iam-role"

  name                     = local.task_role_name
  description              = "ECS task role of ${local.name}: what the application may use."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy       = local.ecs_tasks_trust

  inline_policies = { task = local.task_policy }

  tags = merge(local.tags, { Name = local.task_role_name })
}
