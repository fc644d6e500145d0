# Guarantees of the secret rotation module, planned against the real AWS
# provider schema. One run per guarantee; the negative runs prove that the
# inputs that must be refused are refused. The security group ID is computed,
# so it is overridden to make the ENI permissions assertable at plan.

provider "aws" {
  region = "ap-southeast-1"
}

# The function's security group ID is computed, and the ENI permissions and
# the egress rule name it: the runs that assert them are mocked applies at the
# end of the file (Terraform, unlike OpenTofu, leaves mocked computed values
# unknown in a plan).
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0f00dcafe0000beef"
    }
  }
}

variables {
  name_prefix = "lookcard-test"
  account_id  = "123456789012"
  region      = "ap-southeast-1"

  secrets = {
    "app/jwt-signing-key" = {
      arn         = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123"
      kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    }
    "app/webhook-signing-key" = {
      arn         = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/webhook-signing-key-XyZ789"
      kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333"
    }
  }

  rotation_days = 30

  network = {
    vpc_id                     = "vpc-0123456789abcdef0"
    subnet_ids                 = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
    endpoint_security_group_id = "sg-0e0e0e0e0e0e0e0e0"
  }

  logs = {
    kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444"
    retention_in_days = 365
  }

  environment_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
}

# --- Network -------------------------------------------------------------------

# --- Function ------------------------------------------------------------------

run "environment_is_encrypted_with_the_given_key_and_holds_no_secret" {
  command = plan

  assert {
    condition     = aws_lambda_function.this[0].kms_key_arn == "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    error_message = "The function's environment variables must be encrypted with the given key."
  }

  assert {
    condition     = aws_lambda_function.this[0].environment[0].variables == tomap({ PASSWORD_LENGTH = "64", EXCLUDE_PUNCTUATION = "true" })
    error_message = "The environment holds the generator settings only (64 characters, no punctuation by default), never a secret."
  }
}

run "tracing_is_active" {
  command = plan

  assert {
    condition     = aws_lambda_function.this[0].tracing_config[0].mode == "Active"
    error_message = "X-Ray tracing must be Active."
  }
}

run "function_runs_the_packaged_handler_with_the_defaults" {
  command = plan

  assert {
    condition = (
      aws_lambda_function.this[0].handler == "index.handler" &&
      aws_lambda_function.this[0].runtime == "python3.13" &&
      aws_lambda_function.this[0].architectures == tolist(["arm64"]) &&
      aws_lambda_function.this[0].timeout == 30 &&
      aws_lambda_function.this[0].memory_size == 128
    )
    error_message = "Defaults: index.handler on python3.13, arm64, 30 s, 128 MiB."
  }

  assert {
    condition     = aws_lambda_function.this[0].source_code_hash == filebase64sha256("${path.module}/function.zip")
    error_message = "The function's code hash must follow function.zip, so a code change redeploys it."
  }
}

run "log_group_is_encrypted_kept_and_used_in_json" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this[0].name == "/aws/lambda/lookcard-test-secret-rotation"
    error_message = "The log group is /aws/lambda/<function name>, created by the module."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this[0].kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444"
    error_message = "The log group must be encrypted with the given logs key."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this[0].retention_in_days == 365
    error_message = "The log group must keep logs for the given retention."
  }

  assert {
    condition = (
      aws_lambda_function.this[0].logging_config[0].log_format == "JSON" &&
      aws_lambda_function.this[0].logging_config[0].log_group == "/aws/lambda/lookcard-test-secret-rotation"
    )
    error_message = "The function must log JSON to the module's log group."
  }
}

# --- IAM -----------------------------------------------------------------------

run "role_is_assumable_only_by_lambda_of_this_account_and_has_no_managed_policy" {
  command = plan

  assert {
    condition = jsondecode(module.role[0].assume_role_policy).Statement == [{
      Sid       = "LambdaOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
    error_message = "Only lambda.amazonaws.com on behalf of this account may assume the role."
  }

  assert {
    condition     = length(module.role[0].managed_policy_arns) == 0
    error_message = "No managed policy may be attached to the role (AWS's Lambda policies use Resource \"*\")."
  }

  assert {
    condition     = toset(keys(module.role[0].inline_policies)) == toset(["secret-rotation"])
    error_message = "The module's inline policy is the role's only inline policy."
  }

  assert {
    condition     = output.role_arn == "arn:aws:iam::123456789012:role/lookcard-test-secret-rotation" && output.role_name == module.role[0].name
    error_message = "role_arn must be known at plan time and name the role the module creates."
  }
}

# --- Rotation ------------------------------------------------------------------

run "secrets_manager_may_invoke_the_function_for_each_secret_only" {
  command = plan

  assert {
    condition     = toset(keys(aws_lambda_permission.secretsmanager)) == toset(["app/jwt-signing-key", "app/webhook-signing-key"])
    error_message = "There is one invoke permission per rotated secret."
  }

  assert {
    condition = alltrue([
      for k, p in aws_lambda_permission.secretsmanager :
      p.source_arn == var.secrets[k].arn && p.principal == "secretsmanager.amazonaws.com" && p.action == "lambda:InvokeFunction" && p.source_account == "123456789012"
    ])
    error_message = "Each permission admits only Secrets Manager, for its own secret (source_arn) in this account (source_account)."
  }

  assert {
    condition     = length(distinct([for p in aws_lambda_permission.secretsmanager : p.statement_id])) == 2
    error_message = "Each permission has its own statement ID."
  }
}

run "each_secret_gets_its_first_value_at_creation_and_then_rotates_on_schedule" {
  command = plan

  assert {
    condition     = toset(keys(aws_secretsmanager_secret_rotation.this)) == toset(["app/jwt-signing-key", "app/webhook-signing-key"])
    error_message = "There is one rotation configuration per rotated secret."
  }

  assert {
    condition = alltrue([
      for k, r in aws_secretsmanager_secret_rotation.this :
      r.secret_id == var.secrets[k].arn && r.rotation_rules[0].automatically_after_days == 30
    ])
    error_message = "Each secret rotates every rotation_days days."
  }

  assert {
    condition     = alltrue([for r in values(aws_secretsmanager_secret_rotation.this) : r.rotate_immediately == true])
    error_message = "A generated secret has no owner to seed it: the first rotation runs when rotation is configured (rotate_immediately), so the secret has a value from the first apply, not from the first scheduled rotation 30-90 days later."
  }

  assert {
    condition     = output.rotated_secrets == tolist(["app/jwt-signing-key", "app/webhook-signing-key"])
    error_message = "rotated_secrets lists the rotated secret names, sorted."
  }
}

run "names_fit_aws_limits_with_a_long_prefix" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
  }

  assert {
    condition     = aws_lambda_function.this[0].function_name == "lookcard-sandbox-feature-x1y2-secret-rotation" && length(aws_lambda_function.this[0].function_name) <= 64
    error_message = "The function is <name_prefix>-secret-rotation, within Lambda's 64 characters."
  }

  assert {
    condition     = length(module.role[0].name) <= 64
    error_message = "The role name must fit IAM's 64 characters."
  }

  assert {
    condition     = startswith(aws_security_group.this[0].name_prefix, "lookcard-sandbox-feature-x1y2-secret-rotation-") && aws_security_group.this[0].tags["Name"] == "lookcard-sandbox-feature-x1y2-secret-rotation"
    error_message = "The security group is named after the function (a prefix, so a replacement can be created first)."
  }
}

run "no_secrets_means_no_resources" {
  command = plan

  variables {
    secrets = {}
  }

  assert {
    condition = (
      length(aws_lambda_function.this) + length(module.role) +
      length(aws_security_group.this) + length(aws_vpc_security_group_egress_rule.endpoints_https) +
      length(aws_cloudwatch_log_group.this) + length(aws_lambda_permission.secretsmanager) +
      length(aws_secretsmanager_secret_rotation.this)
    ) == 0
    error_message = "With no secret to rotate the module creates nothing."
  }

  assert {
    condition     = output.function_name == null && output.function_arn == null && output.security_group_id == null && output.log_group_name == null && length(output.rotated_secrets) == 0
    error_message = "Outputs of resources that do not exist are null (rotated_secrets empty)."
  }

  assert {
    condition     = output.role_arn == "arn:aws:iam::123456789012:role/lookcard-test-secret-rotation"
    error_message = "role_arn does not depend on secrets (the root builds reader lists from it without a cycle)."
  }
}

run "settings_are_passed_through" {
  command = plan

  variables {
    runtime                        = "python3.12"
    architecture                   = "x86_64"
    timeout                        = 60
    memory_size                    = 256
    reserved_concurrent_executions = 5
    account_concurrency_quota      = 1000
    password                       = { length = 96, exclude_punctuation = false }
  }

  assert {
    condition = (
      aws_lambda_function.this[0].runtime == "python3.12" &&
      aws_lambda_function.this[0].architectures == tolist(["x86_64"]) &&
      aws_lambda_function.this[0].timeout == 60 &&
      aws_lambda_function.this[0].memory_size == 256 &&
      aws_lambda_function.this[0].reserved_concurrent_executions == 5
    )
    error_message = "runtime, architecture, timeout, memory_size and reserved_concurrent_executions must reach the function."
  }

  assert {
    condition     = aws_lambda_function.this[0].environment[0].variables == tomap({ PASSWORD_LENGTH = "96", EXCLUDE_PUNCTUATION = "false" })
    error_message = "password settings must reach the function's environment."
  }
}

# --- Refused inputs --------------------------------------------------------------

run "rejects_rotation_days_of_zero" {
  command = plan

  variables {
    rotation_days = 0
  }

  expect_failures = [var.rotation_days]
}

run "rejects_rotation_days_over_a_year" {
  command = plan

  variables {
    rotation_days = 366
  }

  expect_failures = [var.rotation_days]
}

run "rejects_fractional_rotation_days" {
  command = plan

  variables {
    rotation_days = 7.5
  }

  expect_failures = [var.rotation_days]
}

run "rejects_a_secret_arn_pattern" {
  command = plan

  variables {
    secrets = {
      "app/jwt-signing-key" = {
        arn         = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/*"
        kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_a_secret_name_instead_of_an_arn" {
  command = plan

  variables {
    secrets = {
      "app/jwt-signing-key" = {
        arn         = "lookcard-test/app/jwt-signing-key"
        kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_the_same_secret_twice" {
  command = plan

  variables {
    secrets = {
      "app/jwt-signing-key" = {
        arn         = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123"
        kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      }
      "app/jwt-key-again" = {
        arn         = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123"
        kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_a_kms_alias_for_a_secret" {
  command = plan

  variables {
    secrets = {
      "app/jwt-signing-key" = {
        arn         = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123"
        kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-secrets"
      }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_a_secret_of_another_region" {
  command = plan

  variables {
    secrets = {
      "app/jwt-signing-key" = {
        arn         = "arn:aws:secretsmanager:us-east-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123"
        kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      }
    }
  }

  expect_failures = [aws_secretsmanager_secret_rotation.this]
}

run "rejects_a_secret_key_of_another_account" {
  command = plan

  variables {
    secrets = {
      "app/jwt-signing-key" = {
        arn         = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123"
        kms_key_arn = "arn:aws:kms:ap-southeast-1:999999999999:key/22222222-2222-2222-2222-222222222222"
      }
    }
  }

  expect_failures = [aws_secretsmanager_secret_rotation.this]
}

run "rejects_a_kms_alias_for_the_environment" {
  command = plan

  variables {
    environment_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-secrets"
  }

  expect_failures = [var.environment_kms_key_arn]
}

run "rejects_a_retention_cloudwatch_does_not_offer" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444"
      retention_in_days = 10
    }
  }

  expect_failures = [var.logs]
}

run "rejects_an_unencrypted_log_group_key" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "alias/aws/logs"
      retention_in_days = 365
    }
  }

  expect_failures = [var.logs]
}

run "rejects_an_empty_subnet_list" {
  command = plan

  variables {
    network = {
      vpc_id                     = "vpc-0123456789abcdef0"
      subnet_ids                 = []
      endpoint_security_group_id = "sg-0e0e0e0e0e0e0e0e0"
    }
  }

  expect_failures = [var.network]
}

run "rejects_a_bad_endpoint_security_group" {
  command = plan

  variables {
    network = {
      vpc_id                     = "vpc-0123456789abcdef0"
      subnet_ids                 = ["subnet-0aaaaaaaaaaaaaaa1"]
      endpoint_security_group_id = "0.0.0.0/0"
    }
  }

  expect_failures = [var.network]
}

run "rejects_a_runtime_the_code_is_not_for" {
  command = plan

  variables {
    runtime = "nodejs22.x"
  }

  expect_failures = [var.runtime]
}

run "rejects_a_deprecated_python_runtime" {
  command = plan

  variables {
    runtime = "python3.9"
  }

  expect_failures = [var.runtime]
}

# --- Lambda concurrency -----------------------------------------------------------

run "reserves_no_concurrency_by_default" {
  command = plan

  assert {
    condition     = aws_lambda_function.this[0].reserved_concurrent_executions == -1
    error_message = "By default the function reserves no concurrency (-1, the unreserved pool): a new account's quota of 10 leaves nothing to reserve, and Lambda refuses a reservation that leaves fewer than 10 unreserved."
  }
}

run "rejects_a_reservation_a_new_account_cannot_grant" {
  command = plan

  variables {
    reserved_concurrent_executions = 2
  }

  expect_failures = [aws_lambda_function.this]
}

run "rejects_a_reservation_that_leaves_fewer_than_10_unreserved" {
  command = plan

  variables {
    reserved_concurrent_executions = 91
    account_concurrency_quota      = 100
  }

  expect_failures = [aws_lambda_function.this]
}

run "accepts_a_reservation_that_leaves_10_unreserved" {
  command = plan

  variables {
    reserved_concurrent_executions = 90
    account_concurrency_quota      = 100
  }

  assert {
    condition     = aws_lambda_function.this[0].reserved_concurrent_executions == 90
    error_message = "A reservation that leaves exactly 10 unreserved executions is allowed."
  }
}

run "rejects_minus_one_for_no_reservation" {
  command = plan

  variables {
    reserved_concurrent_executions = -1
  }

  expect_failures = [var.reserved_concurrent_executions]
}

run "rejects_a_quota_below_lambdas_minimum" {
  command = plan

  variables {
    account_concurrency_quota = 5
  }

  expect_failures = [var.account_concurrency_quota]
}

run "rejects_zero_reserved_concurrency" {
  command = plan

  variables {
    reserved_concurrent_executions = 0
  }

  expect_failures = [var.reserved_concurrent_executions]
}

run "rejects_a_short_generated_value" {
  command = plan

  variables {
    password = { length = 16 }
  }

  expect_failures = [var.password]
}

run "rejects_a_timeout_beyond_lambdas_limit" {
  command = plan

  variables {
    timeout = 901
  }

  expect_failures = [var.timeout]
}

run "rejects_a_bad_architecture" {
  command = plan

  variables {
    architecture = "arm"
  }

  expect_failures = [var.architecture]
}

# --- Mocked applies (computed security group ID known), last so that no plan
# run above starts from mocked state -------------------------------------------

run "function_runs_in_the_given_subnets_with_its_own_group_and_no_ingress" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = aws_lambda_function.this[0].vpc_config[0].subnet_ids == toset(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"])
    error_message = "The function must run in exactly the given private subnets."
  }

  assert {
    condition     = aws_lambda_function.this[0].vpc_config[0].security_group_ids == toset(["sg-0f00dcafe0000beef"])
    error_message = "The function must use its own security group and no other."
  }

  assert {
    condition     = aws_security_group.this[0].vpc_id == "vpc-0123456789abcdef0"
    error_message = "The function's security group must be in the given VPC."
  }

  assert {
    condition     = length(aws_security_group.this[0].ingress) == 0
    error_message = "Nothing connects to the function: its security group has no ingress rule (managed as empty)."
  }
}

run "egress_is_only_https_to_the_endpoint_security_group" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.endpoints_https) == 1
    error_message = "The function's security group has exactly one egress rule."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.endpoints_https[0].ip_protocol == "tcp" &&
      aws_vpc_security_group_egress_rule.endpoints_https[0].from_port == 443 &&
      aws_vpc_security_group_egress_rule.endpoints_https[0].to_port == 443
    )
    error_message = "Egress must be TCP 443 only."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.endpoints_https[0].referenced_security_group_id == "sg-0e0e0e0e0e0e0e0e0" &&
      aws_vpc_security_group_egress_rule.endpoints_https[0].cidr_ipv4 == null &&
      aws_vpc_security_group_egress_rule.endpoints_https[0].cidr_ipv6 == null &&
      aws_vpc_security_group_egress_rule.endpoints_https[0].prefix_list_id == null
    )
    error_message = "Egress must go to the VPC endpoints' security group, never to a CIDR or prefix list."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.endpoints_https[0].security_group_id == "sg-0f00dcafe0000beef"
    error_message = "The egress rule belongs to the function's own security group."
  }
}

run "role_policy_has_no_wildcard_action_and_names_exactly_the_given_secrets" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = alltrue([
      for a in flatten([for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : s.Action]) : !strcontains(a, "*")
    ])
    error_message = "No action in the role policy may contain a wildcard."
  }

  assert {
    condition = [
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : s.Resource if contains(flatten([s.Action]), "secretsmanager:GetSecretValue")
      ] == [[
        "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123",
        "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/webhook-signing-key-XyZ789",
    ]]
    error_message = "Secret access must be one statement naming exactly the given secret ARNs."
  }

  assert {
    condition = toset(flatten([
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : s.Action if startswith(jsonencode(s.Action), "[\"secretsmanager:Describe")
      ])) == toset([
      "secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage",
    ])
    error_message = "On the secrets the function may only describe, read, write a version and move staging labels."
  }

  assert {
    condition = toset(flatten([
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : s.Action if s.Resource == "*"
      ])) == toset([
      "secretsmanager:GetRandomPassword", "xray:PutTelemetryRecords", "xray:PutTraceSegments", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
    ])
    error_message = "Resource \"*\" is allowed only for actions without a resource type: GetRandomPassword, X-Ray ingestion and EC2 describes."
  }

  assert {
    condition = [
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : s.Resource if contains(flatten([s.Action]), "logs:PutLogEvents")
    ] == ["arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/lambda/lookcard-test-secret-rotation:*"]
    error_message = "The function may write only to its own log group."
  }
}

run "kms_use_is_only_through_secrets_manager_on_the_secrets_keys" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = [
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : s.Resource if anytrue([for a in flatten([s.Action]) : startswith(a, "kms:")])
      ] == [[
        "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222",
        "arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333",
    ]]
    error_message = "KMS use must be one statement naming exactly the given secrets' keys."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement :
      try(s.Condition.StringEquals["kms:ViaService"], null) == "secretsmanager.ap-southeast-1.amazonaws.com"
      if anytrue([for a in flatten([s.Action]) : startswith(a, "kms:")])
    ])
    error_message = "Every KMS permission must carry kms:ViaService = secretsmanager.<region>.amazonaws.com."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement :
      try(s.Condition.StringEquals["kms:EncryptionContext:SecretARN"], null) == [
        "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123",
        "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/webhook-signing-key-XyZ789",
      ]
      if anytrue([for a in flatten([s.Action]) : startswith(a, "kms:")])
    ])
    error_message = "KMS use is bound to the given secrets' encryption context (kms:EncryptionContext:SecretARN)."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement :
      toset(flatten([s.Action])) == toset(["kms:Decrypt", "kms:GenerateDataKey"])
      if anytrue([for a in flatten([s.Action]) : startswith(a, "kms:")])
    ])
    error_message = "The function may only decrypt and generate data keys, nothing else with KMS."
  }
}

run "network_interface_permissions_are_scoped_to_the_subnets_and_group" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = [
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : toset(s.Resource) if s.Action == "ec2:CreateNetworkInterface"
      ] == [toset([
        "arn:aws:ec2:ap-southeast-1:123456789012:network-interface/*",
        "arn:aws:ec2:ap-southeast-1:123456789012:subnet/subnet-0aaaaaaaaaaaaaaa1",
        "arn:aws:ec2:ap-southeast-1:123456789012:subnet/subnet-0bbbbbbbbbbbbbbb2",
        "arn:aws:ec2:ap-southeast-1:123456789012:security-group/sg-0f00dcafe0000beef",
    ])]
    error_message = "Network interfaces may be created only in the given subnets with the function's own security group."
  }

  assert {
    condition = [
      for s in jsondecode(module.role[0].inline_policies["secret-rotation"]).Statement : s.Resource if contains(flatten([s.Action]), "ec2:DeleteNetworkInterface")
    ] == ["arn:aws:ec2:ap-southeast-1:123456789012:network-interface/*"]
    error_message = "Interface management is limited to this account and region's network interfaces."
  }
}

run "roles_carry_the_workload_permissions_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = module.role[0].permissions_boundary_arn == var.permissions_boundary_arn
    error_message = "Every role of the module must carry the workload permissions boundary (the deploy role may create a role only with it)."
  }
}
