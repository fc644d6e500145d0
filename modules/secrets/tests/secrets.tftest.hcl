# Guarantees of the Secrets Manager module, planned against the real AWS provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

# Used only where a computed ARN must be known for an assertion.
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      arn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/mock-AbC123"
    }
  }
}

variables {
  name_prefix             = "lookcard-test"
  account_id              = "123456789012"
  region                  = "ap-southeast-1"
  kms_key_arn             = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-secrets"
  recovery_window_in_days = 30
  secrets = {
    "card-api/reap-api-key" = {
      description = "Reap card-issuing API key"
      readers = [
        "arn:aws:iam::123456789012:role/lookcard-test-card-api-task",
        "arn:aws:iam::123456789012:role/lookcard-test-card-api-execution",
      ]
    }
    "crypto-processor/rpc-token" = {
      description = "Node RPC provider token"
      readers = [
        "arn:aws:iam::123456789012:role/lookcard-test-crypto-processor-task",
        "arn:aws:iam::123456789012:role/lookcard-test-rotation-lambda",
      ]
      rotation = {
        lambda_arn = "arn:aws:lambda:ap-southeast-1:123456789012:function:lookcard-test-rotate-rpc-token"
        days       = 30
      }
    }
  }
}

run "names_are_lookcard_env_key" {
  command = plan

  assert {
    condition     = aws_secretsmanager_secret.this["card-api/reap-api-key"].name == "lookcard-test/card-api/reap-api-key"
    error_message = "Secret names must be <name_prefix>/<key>."
  }

  assert {
    condition     = output.names == { "card-api/reap-api-key" = "lookcard-test/card-api/reap-api-key", "crypto-processor/rpc-token" = "lookcard-test/crypto-processor/rpc-token" }
    error_message = "The names output must map every key to lookcard-<env>/<key>, known at plan time."
  }

  assert {
    condition     = aws_secretsmanager_secret.this["card-api/reap-api-key"].tags["Service"] == "card-api"
    error_message = "A secret must carry its service (the key's first part) as the Service tag."
  }
}

run "every_secret_uses_the_secrets_key" {
  command = plan

  assert {
    condition     = alltrue([for s in aws_secretsmanager_secret.this : s.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-secrets"])
    error_message = "Every secret must be encrypted with the given secrets KMS key, never the AWS managed key."
  }
}

run "recovery_window_30_is_passed_through" {
  command = plan

  assert {
    condition     = alltrue([for s in aws_secretsmanager_secret.this : s.recovery_window_in_days == 30])
    error_message = "The recovery window must be the one asked for (30 in production)."
  }
}

run "recovery_window_7_is_passed_through" {
  command = plan

  variables {
    recovery_window_in_days = 7
  }

  assert {
    condition     = alltrue([for s in aws_secretsmanager_secret.this : s.recovery_window_in_days == 7])
    error_message = "The recovery window must be the one asked for (7 outside production)."
  }
}

run "policy_denies_reads_to_all_but_the_readers" {
  command = plan

  assert {
    condition = one([for s in jsondecode(aws_secretsmanager_secret_policy.this["card-api/reap-api-key"].policy).Statement : s
      if s.Effect == "Deny" && s.Action == "secretsmanager:GetSecretValue" && s.Principal == "*"
      ]).Condition.StringNotLike["aws:PrincipalArn"] == [
      "arn:aws:iam::123456789012:role/lookcard-test-card-api-task",
      "arn:aws:iam::123456789012:role/lookcard-test-card-api-execution",
    ]
    error_message = "GetSecretValue must be denied to every principal whose ARN is not one of the secret's readers."
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_secretsmanager_secret_policy.this["card-api/reap-api-key"].policy).Statement :
    s.Resource == "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/card-api/reap-api-key-??????"])
    error_message = "Policy statements must name this secret's ARN pattern, not \"*\"."
  }

  assert {
    condition     = alltrue(flatten([for p in aws_secretsmanager_secret_policy.this : [for s in jsondecode(p.policy).Statement : s.Effect == "Deny"]]))
    error_message = "Secret resource policies may only deny; grants belong in the readers' identity policies."
  }
}

run "policy_denies_access_without_tls" {
  command = plan

  assert {
    condition = alltrue([for p in aws_secretsmanager_secret_policy.this : length([for s in jsondecode(p.policy).Statement : s
      if s.Effect == "Deny" && s.Action == "secretsmanager:*" && s.Principal == "*" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false"
    ]) == 1])
    error_message = "Every secret policy must deny all Secrets Manager actions not made over TLS."
  }
}

run "public_policies_are_blocked" {
  command = plan

  assert {
    condition     = alltrue([for p in aws_secretsmanager_secret_policy.this : p.block_public_policy])
    error_message = "Every secret policy must block public policies."
  }
}

run "rotation_only_where_asked_with_its_days" {
  command = plan

  assert {
    condition     = keys(aws_secretsmanager_secret_rotation.this) == ["crypto-processor/rpc-token"]
    error_message = "Rotation must be configured only for secrets that ask for it."
  }

  assert {
    condition     = aws_secretsmanager_secret_rotation.this["crypto-processor/rpc-token"].rotation_rules[0].automatically_after_days == 30
    error_message = "Rotation must run every rotation.days days."
  }

  assert {
    condition     = aws_secretsmanager_secret_rotation.this["crypto-processor/rpc-token"].rotation_lambda_arn == "arn:aws:lambda:ap-southeast-1:123456789012:function:lookcard-test-rotate-rpc-token"
    error_message = "Rotation must use the given Lambda function."
  }
}

run "third_party_secrets_need_seeding_and_generated_ones_do_not" {
  command = plan

  variables {
    secrets = {
      "card-api/reap-api-key" = {
        description = "Reap card-issuing API key"
        readers     = ["arn:aws:iam::123456789012:role/lookcard-test-card-api-execution"]
      }
      "app/jwt-signing-key" = {
        description = "JWT signing key, generated and rotated by the platform"
        readers     = ["arn:aws:iam::123456789012:role/lookcard-test-authentication-api-execution"]
        generated   = true
      }
    }
  }

  assert {
    condition     = toset(keys(output.seeding_required)) == toset(["card-api/reap-api-key"])
    error_message = "seeding_required lists exactly the secrets an owner must seed (not generated), so the tooling can check each has a value before services start."
  }

  assert {
    condition     = output.seeding_required["card-api/reap-api-key"].name == "lookcard-test/card-api/reap-api-key"
    error_message = "seeding_required gives each secret's name (and ARN after apply)."
  }

  assert {
    condition     = output.generated == tolist(["app/jwt-signing-key"])
    error_message = "generated lists the secrets the rotation function gives their first value."
  }

  assert {
    condition = (
      aws_secretsmanager_secret.this["card-api/reap-api-key"].tags["ValueSource"] == "seeded" &&
      aws_secretsmanager_secret.this["app/jwt-signing-key"].tags["ValueSource"] == "generated"
    )
    error_message = "Each secret is tagged ValueSource = seeded or generated, so a check from the account alone can find the ones to seed."
  }
}

run "arn_patterns_are_known_at_plan" {
  command = plan

  assert {
    condition     = output.arn_patterns["card-api/reap-api-key"] == "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/card-api/reap-api-key-??????"
    error_message = "arn_patterns must be arn:aws:secretsmanager:<region>:<account>:secret:<name>-?????? at plan time."
  }
}

run "rejects_recovery_window_below_aws_minimum" {
  command = plan

  variables {
    recovery_window_in_days = 3
  }

  expect_failures = [var.recovery_window_in_days]
}

run "rejects_malformed_secret_key" {
  command = plan

  variables {
    secrets = {
      "CardApi Key" = { description = "x", readers = ["arn:aws:iam::123456789012:role/lookcard-test-card-api-task"] }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_reader_that_is_not_a_role" {
  command = plan

  variables {
    secrets = {
      "card-api/reap-api-key" = { description = "x", readers = ["arn:aws:iam::123456789012:user/alice"] }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_wildcard_reader" {
  command = plan

  variables {
    secrets = {
      "card-api/reap-api-key" = { description = "x", readers = ["arn:aws:iam::123456789012:role/*"] }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_rotation_every_0_days" {
  command = plan

  variables {
    secrets = {
      "card-api/db-user" = {
        description = "x"
        readers     = ["arn:aws:iam::123456789012:role/lookcard-test-card-api-task"]
        rotation    = { lambda_arn = "arn:aws:lambda:ap-southeast-1:123456789012:function:rotate", days = 0 }
      }
    }
  }

  expect_failures = [var.secrets]
}

run "rejects_bare_key_id" {
  command = plan

  variables {
    kms_key_arn = "1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  expect_failures = [var.kms_key_arn]
}

run "rejects_key_from_another_region" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/lookcard-test-secrets"
  }

  expect_failures = [aws_secretsmanager_secret.this]
}

# Mocked apply last, so that no plan run above starts from mocked state.
run "outputs_hold_only_names_and_arns" {
  # Mocked apply, so that the computed ARNs are known.
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = alltrue([for v in values(output.arns) : can(regex("^arn:aws:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", v))])
    error_message = "The arns output may hold secret ARNs only."
  }

  assert {
    condition     = alltrue([for v in values(output.names) : can(regex("^lookcard-test/[a-z0-9-]+/[a-z0-9-]+$", v))])
    error_message = "The names output may hold secret names only."
  }

  assert {
    condition     = alltrue([for v in values(output.arn_patterns) : can(regex("^arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/[a-z0-9-]+/[a-z0-9-]+-\\?{6}$", v))])
    error_message = "The arn_patterns output may hold ARN patterns only."
  }

  assert {
    condition     = toset(keys(output.arns)) == toset(keys(var.secrets)) && toset(keys(output.names)) == toset(keys(var.secrets)) && toset(keys(output.arn_patterns)) == toset(keys(var.secrets))
    error_message = "Every output must be keyed by exactly the secrets' keys."
  }
}
