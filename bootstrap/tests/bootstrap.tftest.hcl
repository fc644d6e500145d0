# Guarantees of the state backend bootstrap, planned against the real AWS
# provider schema. The key ARN is unknown at plan time offline; the runs that
# follow it into the bucket encryption, bucket policy and lock table override
# it with a known value, in state_key.tftest.hcl (Terraform) and
# state_key.tofutest.hcl (OpenTofu). No provider block: the runs use the
# root's own provider configuration (providers.tf), default_tags included.

variables {
  account_name                      = "production"
  region                            = "ap-southeast-1"
  git_commit_hash                   = "0123456789abcdef0123456789abcdef01234567"
  noncurrent_version_retention_days = 90
  admin_principal_arns              = ["arn:aws:iam::210000000001:role/lookcard-identity-platform-admin"]
}

run "versioning_is_enabled" {
  command = plan

  assert {
    condition     = module.state_bucket.versioning_status == "Enabled"
    error_message = "The state bucket must keep every version of the state."
  }
}

run "public_access_is_fully_blocked" {
  command = plan

  assert {
    condition = alltrue([
      module.state_bucket.public_access_block.block_public_acls,
      module.state_bucket.public_access_block.block_public_policy,
      module.state_bucket.public_access_block.ignore_public_acls,
      module.state_bucket.public_access_block.restrict_public_buckets,
    ])
    error_message = "All four public access block settings must be on."
  }

  assert {
    condition     = module.state_bucket.object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)."
  }
}

run "lifecycle_expires_noncurrent_versions" {
  command = plan

  assert {
    condition     = one(one(module.state_bucket.lifecycle_rules).noncurrent_version_expiration).noncurrent_days == 90
    error_message = "Noncurrent state versions must expire after noncurrent_version_retention_days."
  }

  assert {
    condition     = one(one(module.state_bucket.lifecycle_rules).abort_incomplete_multipart_upload).days_after_initiation == 7
    error_message = "Incomplete multipart uploads must be aborted after 7 days."
  }

  assert {
    condition     = one(module.state_bucket.lifecycle_rules).status == "Enabled" && length(one(module.state_bucket.lifecycle_rules).expiration) == 0
    error_message = "The rule must be enabled and must never expire the current state version."
  }
}

run "names_follow_lookcard_terraform_state_account" {
  command = plan

  assert {
    condition     = module.state_bucket.name == "lookcard-terraform-state-production" && output.state_bucket == "lookcard-terraform-state-production"
    error_message = "The state bucket must be lookcard-terraform-state-<account_name>."
  }

  assert {
    condition     = aws_dynamodb_table.locks.name == "lookcard-terraform-locks" && output.lock_table == "lookcard-terraform-locks"
    error_message = "The lock table must default to lookcard-terraform-locks, the name `lookcard init` uses."
  }

  assert {
    condition     = output.backend_config.bucket == "lookcard-terraform-state-production" && output.backend_config.dynamodb_table == "lookcard-terraform-locks" && output.backend_config.encrypt && output.backend_config.region == "ap-southeast-1"
    error_message = "backend_config must name the bucket, lock table and region, with encryption on."
  }

  assert {
    condition     = output.backend_config_native_locking.use_lockfile && !contains(keys(output.backend_config_native_locking), "dynamodb_table")
    error_message = "The native-locking alternative must use the lock file instead of the table."
  }
}

run "bucket_name_can_be_overridden" {
  command = plan

  variables {
    account_name      = "shared"
    state_bucket_name = "lookcard-shared-tfstate-ap1"
  }

  assert {
    condition     = module.state_bucket.name == "lookcard-shared-tfstate-ap1"
    error_message = "state_bucket_name must replace the default name."
  }
}

run "key_policy_is_root_and_admins_only" {
  command = plan

  assert {
    condition = toset([for s in jsondecode(aws_kms_key.state.policy).Statement : jsonencode(s.Principal)]) == toset([
      jsonencode({ AWS = "arn:aws:iam::123456789012:root" }),
      jsonencode({ AWS = ["arn:aws:iam::123456789012:role/lookcard-production-admin"] }),
    ])
    error_message = "The state key policy must name only the account root and the admin role this root creates."
  }

  assert {
    condition     = !contains(one([for s in jsondecode(aws_kms_key.state.policy).Statement : s if s.Sid == "KeyAdministrators"]).Action, "kms:Decrypt")
    error_message = "Key administrators must not be able to decrypt state through the key policy."
  }
}

run "everything_is_tagged" {
  command = plan

  assert {
    condition     = module.state_bucket.tags_all["Environment"] == "production" && module.state_bucket.tags_all["DataClassification"] == "confidential" && module.state_bucket.tags_all["GitCommit"] == "0123456789abcdef0123456789abcdef01234567"
    error_message = "default_tags must tag every resource with the account, classification and commit."
  }
}

run "rejects_abbreviated_account_name" {
  command = plan

  variables {
    account_name = "prod"
  }

  expect_failures = [var.account_name]
}

run "rejects_retention_below_30_days" {
  command = plan

  variables {
    noncurrent_version_retention_days = 5
  }

  expect_failures = [var.noncurrent_version_retention_days]
}

# KMS refuses a key policy that names a principal that does not exist
# (MalformedPolicyDocumentException): every principal must be the account
# root, a role this root creates, or a listed prerequisite that is looked up
# before anything is created.
run "key_administrators_are_roles_created_here_or_looked_up" {
  command = plan

  variables {
    admin_role_arns = ["arn:aws:iam::123456789012:role/security/lookcard-break-glass"]
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_kms_key.state.policy).Statement : alltrue([
      for p in flatten([s.Principal.AWS]) :
      p == "arn:aws:iam::123456789012:root" || p == module.access[0].admin_role_arn || contains(keys(data.aws_iam_role.key_administrator), p)
    ])])
    error_message = "Every principal of the state key policy must be the account root, the admin role bootstrap creates, or a prerequisite role read by data.aws_iam_role.key_administrator."
  }

  assert {
    condition     = data.aws_iam_role.key_administrator["arn:aws:iam::123456789012:role/security/lookcard-break-glass"].name == "lookcard-break-glass"
    error_message = "A prerequisite key administrator must be looked up by its role name (the ARN's last segment)."
  }

  assert {
    condition     = toset(output.key_administrator_arns) == toset(["arn:aws:iam::123456789012:role/lookcard-production-admin", "arn:aws:iam::123456789012:role/security/lookcard-break-glass"])
    error_message = "The key administrators must be the admin role created here and the prerequisites."
  }
}

run "without_admins_the_key_names_only_the_account_root" {
  command = plan

  variables {
    admin_principal_arns = []
  }

  assert {
    condition     = length(jsondecode(aws_kms_key.state.policy).Statement) == 1 && output.admin_role_arn == null
    error_message = "Without an admin role (and no prerequisites) the key policy must name only the account root, never a role that does not exist."
  }
}

run "rejects_the_account_root_as_key_administrator" {
  command = plan

  variables {
    admin_role_arns = ["arn:aws:iam::123456789012:root"]
  }

  expect_failures = [var.admin_role_arns]
}

run "rejects_a_malformed_key_administrator" {
  command = plan

  variables {
    admin_role_arns = ["arn:aws:iam::123456789012:role/platform admin"]
  }

  expect_failures = [var.admin_role_arns]
}

run "rejects_a_ci_role_as_key_administrator" {
  command = plan

  variables {
    admin_role_arns = ["arn:aws:iam::123456789012:role/lookcard-production-deploy"]
  }

  expect_failures = [var.admin_role_arns]
}

# The OIDC subjects are exactly those of deploy.yml's jobs: the apply job runs
# in the GitHub environment <env>, the plan job in <env>-plan
# (internal/suite/identity_test.go compares the workflow with this root).
run "ci_roles_trust_exactly_the_workflow_jobs" {
  command = plan

  assert {
    condition = jsonencode(output.github_oidc_subjects) == jsonencode({
      deploy = ["repo:lookcard/infrastructure:environment:production"]
      plan   = ["repo:lookcard/infrastructure:environment:production-plan"]
    })
    error_message = "The deploy role must trust only deploy.yml's apply job (environment production) and the plan role only its plan job (environment production-plan)."
  }

  assert {
    condition     = one([for s in jsondecode(module.access[0].trust_policies.plan).Statement : s if s.Sid == "GitHubActions"]).Condition.StringLike["token.actions.githubusercontent.com:sub"] == ["repo:lookcard/infrastructure:environment:production-plan"]
    error_message = "The plan role's trust policy must carry the plan job's subject."
  }
}

# One credential chain: CI is already the deploy (or plan) role through OIDC
# and the provider does not assume again; people apply from the admin role and
# the provider assumes the deploy role. So the deploy role trusts the admin
# role, and no role trusts itself.
run "people_reach_the_deploy_role_from_the_admin_role_and_no_role_trusts_itself" {
  command = plan

  assert {
    condition = contains([for s in jsondecode(module.access[0].trust_policies.deploy).Statement : try(s.Principal.AWS, "") if s.Action == "sts:AssumeRole"],
    "arn:aws:iam::123456789012:role/lookcard-production-admin")
    error_message = "The deploy role must trust the admin role (sts:AssumeRole) so that people apply as the deploy role."
  }

  assert {
    condition = alltrue(flatten([for role, policy in module.access[0].trust_policies : [
      for s in jsondecode(policy).Statement : !contains(flatten([try(s.Principal.AWS, [])]), "arn:aws:iam::123456789012:role/lookcard-production-${replace(role, "_", "-")}")
    ]]))
    error_message = "No role may trust itself."
  }

  assert {
    condition     = output.admin_role_arn == "arn:aws:iam::123456789012:role/lookcard-production-admin"
    error_message = "admin_role_arn must be the admin role, known at plan time."
  }
}

run "rejects_a_dns_role_that_is_not_a_role" {
  command = plan

  variables {
    dns_role_arn = "arn:aws:iam::210000000009:root"
  }

  expect_failures = [var.dns_role_arn]
}

run "rejects_non_role_admin" {
  command = plan

  variables {
    admin_role_arns = ["arn:aws:iam::123456789012:user/alice"]
  }

  expect_failures = [var.admin_role_arns]
}

run "rejects_malformed_account_id" {
  command = plan

  variables {
    account_id = "12345"
  }

  expect_failures = [var.account_id]
}

run "the_account_gets_its_ci_and_human_roles" {
  command = plan

  assert {
    condition     = length(module.access) == 1
    error_message = "Every environment account gets the access roles."
  }
}

run "the_shared_account_gets_no_environment_roles" {
  command = plan

  variables {
    account_name = "shared"
  }

  assert {
    condition     = length(module.access) == 0
    error_message = "The shared account has no environment deploy role."
  }
}

run "rejects_an_account_root_as_admin_principal" {
  command = plan

  variables {
    admin_principal_arns = ["arn:aws:iam::210000000001:root"]
  }

  expect_failures = [var.admin_principal_arns]
}

run "rejects_a_bare_account_id_as_auditor" {
  command = plan

  variables {
    auditor_principal_arns = ["210000000001"]
  }

  expect_failures = [var.auditor_principal_arns]
}
