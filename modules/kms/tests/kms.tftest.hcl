# Guarantees of the KMS module, planned against the real AWS provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix             = "lookcard-test"
  account_id              = "123456789012"
  region                  = "ap-southeast-1"
  deletion_window_in_days = 30
  administrator_arns      = ["arn:aws:iam::123456789012:role/lookcard-admin"]
  keys = {
    data    = { description = "data at rest", services = ["rds", "dynamodb"] }
    logs    = { description = "CloudWatch Logs", log_service = true }
    crypto  = { description = "wallet signing", user_arns = ["arn:aws:iam::123456789012:role/lookcard-test-crypto-processor-task"] }
    secrets = { description = "Secrets Manager", services = ["secretsmanager"] }
    audit   = { description = "CloudTrail", service_principals = ["cloudtrail.amazonaws.com"] }
  }
}

run "every_key_rotates" {
  command = plan

  assert {
    condition     = alltrue([for k in aws_kms_key.this : k.enable_key_rotation && k.rotation_period_in_days == 365])
    error_message = "Every key must have yearly automatic rotation enabled."
  }
}

run "aliases_are_lookcard_env_purpose" {
  command = plan

  assert {
    condition     = aws_kms_alias.this["data"].name == "alias/lookcard-test-data" && length(aws_kms_alias.this) == 5
    error_message = "Aliases must be alias/<name_prefix>-<purpose>, one per key."
  }
}

run "deletion_window_is_passed_through" {
  command = plan

  assert {
    condition     = alltrue([for k in aws_kms_key.this : k.deletion_window_in_days == 30])
    error_message = "The deletion window must be the one asked for."
  }
}

run "only_the_account_root_gets_kms_star" {
  command = plan

  assert {
    condition = alltrue(flatten([for k in aws_kms_key.this : [
      for s in jsondecode(k.policy).Statement : s.Principal == { AWS = "arn:aws:iam::123456789012:root" } if s.Action == "kms:*"
    ]]))
    error_message = "kms:* may be granted to the account root only."
  }
}

run "administrators_cannot_use_keys" {
  command = plan

  assert {
    condition = alltrue([for s in jsondecode(aws_kms_key.this["data"].policy).Statement :
    !contains(s.Action, "kms:Decrypt") if s.Sid == "KeyAdministrators"])
    error_message = "Key administrators must not be able to decrypt."
  }
}

run "logs_key_admits_only_this_accounts_logs_in_this_region" {
  command = plan

  assert {
    condition     = one([for s in jsondecode(aws_kms_key.this["logs"].policy).Statement : s if s.Sid == "CloudWatchLogsOfThisAccountAndRegion"]).Principal.Service == "logs.ap-southeast-1.amazonaws.com"
    error_message = "The logs key must name the regional CloudWatch Logs principal."
  }

  assert {
    condition     = one([for s in jsondecode(aws_kms_key.this["logs"].policy).Statement : s if s.Sid == "CloudWatchLogsOfThisAccountAndRegion"]).Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] == "arn:aws:logs:ap-southeast-1:123456789012:log-group:*"
    error_message = "The logs key must be limited to log groups of this account and region."
  }
}

run "service_use_is_limited_to_this_account" {
  command = plan

  assert {
    condition     = one([for s in jsondecode(aws_kms_key.this["data"].policy).Statement : s if s.Sid == "ServicesOnBehalfOfThisAccount"]).Condition.StringEquals["kms:CallerAccount"] == "123456789012"
    error_message = "Service use of the data key must be limited to callers in this account."
  }
}

run "crypto_key_is_used_only_by_its_roles" {
  command = plan

  assert {
    condition     = length([for s in jsondecode(aws_kms_key.this["crypto"].policy).Statement : s if s.Sid == "ServicesOnBehalfOfThisAccount"]) == 0
    error_message = "The crypto key must not be open to AWS services."
  }
}

run "rejects_deletion_window_below_aws_minimum" {
  command = plan

  variables {
    deletion_window_in_days = 3
  }

  expect_failures = [var.deletion_window_in_days]
}

run "rejects_unknown_service" {
  command = plan

  variables {
    keys = { data = { description = "x", services = ["not-a-service"] } }
  }

  expect_failures = [var.keys]
}

run "rejects_bad_account_id" {
  command = plan

  variables {
    account_id = "12345"
  }

  expect_failures = [var.account_id]
}

run "service_principals_use_a_key_only_for_this_account" {
  command = plan

  assert {
    condition     = one([for s in jsondecode(aws_kms_key.this["audit"].policy).Statement : s if s.Sid == "ServicePrincipalsForThisAccount"]).Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "A service principal may use a key only on behalf of this account (aws:SourceAccount)."
  }

  assert {
    condition     = length([for s in jsondecode(aws_kms_key.this["data"].policy).Statement : s if s.Sid == "ServicePrincipalsForThisAccount"]) == 0
    error_message = "Keys without service principals must not grant any."
  }
}

run "rejects_a_service_principal_that_is_not_aws" {
  command = plan

  variables {
    keys = { audit = { description = "x", service_principals = ["example.com"] } }
  }

  expect_failures = [var.keys]
}

# KMS refuses a key policy that names a principal that does not exist
# (MalformedPolicyDocumentException): administrators are looked up at plan time.
run "administrators_are_looked_up_before_any_key" {
  command = plan

  assert {
    condition     = toset(keys(data.aws_iam_role.administrator)) == toset(["arn:aws:iam::123456789012:role/lookcard-admin"]) && data.aws_iam_role.administrator["arn:aws:iam::123456789012:role/lookcard-admin"].name == "lookcard-admin"
    error_message = "Every key administrator must be read (by its role name) before the keys are planned."
  }

  assert {
    condition = alltrue(flatten([for k in aws_kms_key.this : [
      for s in jsondecode(k.policy).Statement : [
        for p in flatten([try(s.Principal.AWS, [])]) :
        p == "*" || p == "arn:aws:iam::123456789012:root" || contains(keys(data.aws_iam_role.administrator), p) || contains(flatten([for v in values(var.keys) : v.user_arns]), p)
      ]
    ]]))
    error_message = "Every AWS principal of a key policy must be the account root, a looked-up administrator or a declared key user (or * limited by conditions to this account)."
  }
}

# The role that applies must stay able to update the policies it writes, or
# KMS refuses them (lockout safety check): the account root's kms:* lets IAM
# policies (the deploy role's) grant that.
run "every_key_lets_iam_policies_of_the_account_manage_it" {
  command = plan

  assert {
    condition = alltrue([for k in aws_kms_key.this : length([for s in jsondecode(k.policy).Statement : s
    if s.Sid == "AccountRootManagesKey" && s.Effect == "Allow" && s.Action == "kms:*" && s.Principal == { AWS = "arn:aws:iam::123456789012:root" }]) == 1])
    error_message = "Every key policy must keep the AccountRootManagesKey statement (kms:* for the account root)."
  }
}

run "rejects_the_account_root_as_administrator" {
  command = plan

  variables {
    administrator_arns = ["arn:aws:iam::123456789012:root"]
  }

  expect_failures = [var.administrator_arns]
}

run "rejects_a_malformed_administrator" {
  command = plan

  variables {
    administrator_arns = ["arn:aws:iam::123456789012:role/lookcard admin"]
  }

  expect_failures = [var.administrator_arns]
}

run "rejects_an_administrator_of_another_account" {
  command = plan

  variables {
    administrator_arns = ["arn:aws:iam::210000000099:role/lookcard-develop-admin"]
  }

  expect_failures = [aws_kms_key.this]
}
