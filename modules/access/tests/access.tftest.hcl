# Guarantees of the access module, planned against the real AWS provider
# schema. Trust and inline policies are built with jsonencode from known ARNs,
# so they reach the plan as JSON text the assertions can read.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix = "lookcard-production"
  environment = "production"
  account_id  = "123456789012"
  region      = "ap-southeast-1"
  github = {
    repository   = "lookcard/infrastructure"
    allowed_refs = ["refs/heads/production"]
    plan_refs    = ["environment:production-plan"]
  }
  state = {
    bucket      = "lookcard-terraform-state-production"
    lock_table  = "lookcard-terraform-locks"
    kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  }
  admin_principal_arns   = ["arn:aws:iam::210000000001:role/lookcard-identity-platform-admin"]
  auditor_principal_arns = ["arn:aws:iam::210000000001:role/lookcard-identity-auditor"]
}

run "deploy_trust_requires_audience_and_only_the_listed_refs" {
  command = plan

  assert {
    condition     = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com"
    error_message = "The deploy role must require the sts.amazonaws.com audience."
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"] == ["repo:lookcard/infrastructure:ref:refs/heads/production"]
    error_message = "The deploy role must trust exactly repo:lookcard/infrastructure:ref:refs/heads/production."
  }

  assert {
    condition = length([for s in jsondecode(aws_iam_role.deploy.assume_role_policy).Statement : s if s.Sid != "AdministratorsApplyAsDeploy"]) == 1 && alltrue([
      for s in jsondecode(aws_iam_role.deploy.assume_role_policy).Statement :
      s.Action == "sts:AssumeRoleWithWebIdentity" && s.Principal == { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" } if s.Sid != "AdministratorsApplyAsDeploy"
    ])
    error_message = "Apart from the admin role, the deploy role must trust only the GitHub OIDC provider of this account, through web identity."
  }

  assert {
    condition     = aws_iam_role.deploy.name == "lookcard-production-deploy" && aws_iam_role.deploy.max_session_duration == 3600
    error_message = "The deploy role must be <name_prefix>-deploy with one-hour sessions."
  }
}

run "deploy_trust_accepts_github_environments" {
  command = plan

  variables {
    github = {
      repository   = "lookcard/infrastructure"
      allowed_refs = ["environment:production", "refs/heads/production"]
      plan_refs    = ["environment:production-plan"]
    }
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"] == ["repo:lookcard/infrastructure:environment:production", "repo:lookcard/infrastructure:ref:refs/heads/production"]
    error_message = "environment:<name> entries must become repo:<owner/name>:environment:<name>."
  }
}

run "plan_role_trusts_only_the_plan_jobs_environment" {
  command = plan

  assert {
    condition     = jsondecode(aws_iam_role.plan.assume_role_policy).Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"] == ["repo:lookcard/infrastructure:environment:production-plan"]
    error_message = "The plan role must trust exactly the plan job's subject, repo:lookcard/infrastructure:environment:production-plan."
  }

  assert {
    condition     = length(jsondecode(aws_iam_role.plan.assume_role_policy).Statement) == 1 && output.github_subjects.plan == ["repo:lookcard/infrastructure:environment:production-plan"]
    error_message = "The plan role must trust GitHub only, and github_subjects must report its subject."
  }

  assert {
    condition     = jsondecode(aws_iam_role.plan.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com"
    error_message = "The plan role must require the sts.amazonaws.com audience."
  }

  assert {
    condition     = keys(aws_iam_role_policy_attachment.plan) == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    error_message = "The plan role's only managed policy must be ReadOnlyAccess."
  }
}

run "plan_role_reads_state_and_writes_only_locks" {
  command = plan

  assert {
    condition = toset(flatten([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s.Resource if s.Effect == "Allow"])) == toset([
      "arn:aws:s3:::lookcard-terraform-state-production",
      "arn:aws:s3:::lookcard-terraform-state-production/*",
      "arn:aws:s3:::lookcard-terraform-state-production/*.tflock",
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-terraform-locks",
      "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555",
      "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-production-*-origin-verify-*",
      "*",
    ])
    error_message = "The plan role's state policy must be scoped to the state bucket, its lock files, the lock table, the state key and the origin-verify secrets (and GetRandomPassword, which has no resource)."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s if try(s.Resource, null) == "*" && s.Effect == "Allow"]).Action == "secretsmanager:GetRandomPassword"
    error_message = "The only unscoped grant is secretsmanager:GetRandomPassword (no resource type)."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s if s.Sid == "ReadState"]).Action == "s3:GetObject"
    error_message = "The plan role may only read state objects."
  }

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s if s.Sid == "DenyDataReadsOutsideState"]).NotResource == [
      "arn:aws:s3:::lookcard-terraform-state-production/*",
      "arn:aws:s3:::lookcard-production-*api-mtls-123456789012/*",
    ]
    error_message = "The plan role must be denied object reads outside the state bucket and the API's mTLS truststore (refreshed with HeadObject)."
  }
}

# A plan refreshes what the main root manages: the WAF origin guard's
# generator and secret version, and the truststore object, must be readable
# (issue 20's origin guard made PR plans fail with AccessDenied before).
run "plan_role_can_refresh_the_edge_secrets_and_truststore" {
  command = plan

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s if s.Sid == "DenySecretValuesButOriginHeaders"]).NotResource == one([
      for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s.Resource if s.Effect == "Allow" && s.Action == "secretsmanager:GetSecretValue"
    ])
    error_message = "GetSecretValue is allowed on exactly the origin-verify secrets and denied on every other secret."
  }

  assert {
    condition     = strcontains(one([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s.Resource if s.Sid == "ReadOriginHeaderSecrets"]), ":secret:lookcard-production-*-origin-verify-*")
    error_message = "The readable secrets are this environment's origin-verify secrets (modules/waf names them <name_prefix>-<acl>-origin-verify-)."
  }

  assert {
    condition     = contains([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s.Action if s.Effect == "Allow"], "secretsmanager:GetRandomPassword")
    error_message = "The WAF origin guard's aws_secretsmanager_random_password is read at plan time: the plan role needs GetRandomPassword."
  }
}

run "plan_role_has_no_kms_grant_without_a_state_key" {
  command = plan

  variables {
    state = {
      bucket     = "lookcard-terraform-state-production"
      lock_table = "lookcard-terraform-locks"
    }
  }

  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s if s.Sid == "UseStateKey"]) == 0
    error_message = "Without state.kms_key_arn there must be no KMS statement."
  }
}

run "admin_role_trust_requires_mfa" {
  command = plan

  assert {
    condition     = jsondecode(aws_iam_role.admin[0].assume_role_policy).Statement[0].Condition.Bool["aws:MultiFactorAuthPresent"] == "true"
    error_message = "The admin role must require MFA (aws:MultiFactorAuthPresent true)."
  }

  assert {
    condition     = jsondecode(aws_iam_role.admin[0].assume_role_policy).Statement[0].Condition.NumericLessThan["aws:MultiFactorAuthAge"] == "3600"
    error_message = "The admin role must require an MFA sign-in less than an hour old."
  }

  assert {
    condition     = jsondecode(aws_iam_role.admin[0].assume_role_policy).Statement[0].Principal.AWS == ["arn:aws:iam::210000000001:role/lookcard-identity-platform-admin"]
    error_message = "The admin role must trust exactly admin_principal_arns."
  }

  assert {
    condition     = aws_iam_role.admin[0].max_session_duration == 3600 && aws_iam_role.admin[0].name == "lookcard-production-admin"
    error_message = "The admin role must be <name_prefix>-admin with one-hour sessions."
  }

  assert {
    condition     = keys(aws_iam_role_policy_attachment.admin) == ["arn:aws:iam::aws:policy/AdministratorAccess"]
    error_message = "The admin role must carry AdministratorAccess."
  }
}

run "read_only_role_requires_mfa_and_is_read_only" {
  command = plan

  assert {
    condition     = jsondecode(aws_iam_role.read_only[0].assume_role_policy).Statement[0].Condition.Bool["aws:MultiFactorAuthPresent"] == "true" && jsondecode(aws_iam_role.read_only[0].assume_role_policy).Statement[0].Condition.NumericLessThan["aws:MultiFactorAuthAge"] == "3600"
    error_message = "The read-only role must require a recent MFA sign-in."
  }

  assert {
    condition     = toset(jsondecode(aws_iam_role.read_only[0].assume_role_policy).Statement[0].Principal.AWS) == toset(["arn:aws:iam::210000000001:role/lookcard-identity-platform-admin", "arn:aws:iam::210000000001:role/lookcard-identity-auditor"])
    error_message = "The read-only role must trust the auditors and the administrators."
  }

  assert {
    condition     = toset(keys(aws_iam_role_policy_attachment.read_only)) == toset(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/SecurityAudit"])
    error_message = "The read-only role must carry ReadOnlyAccess and SecurityAudit only."
  }
}

run "no_inline_policy_allows_everything" {
  command = plan

  assert {
    condition = alltrue(flatten([for p in [aws_iam_role_policy.deploy_iam, aws_iam_role_policy.deploy_state_guard, aws_iam_role_policy.plan_state] : [
      for s in jsondecode(p.policy).Statement :
      !(contains(flatten([try(s.Action, [])]), "*") && contains(flatten([try(s.Resource, [])]), "*"))
    ]]))
    error_message = "No inline policy may grant Action \"*\" on Resource \"*\"."
  }

  assert {
    condition = alltrue(flatten([for p in [aws_iam_role_policy.deploy_iam, aws_iam_role_policy.deploy_state_guard, aws_iam_role_policy.plan_state] : [
      for s in jsondecode(p.policy).Statement : alltrue([for a in flatten([try(s.Action, [])]) : !endswith(a, ":*")]) if s.Effect == "Allow"
    ]]))
    error_message = "No inline policy may allow a whole service (<service>:*)."
  }
}

run "deploy_iam_is_limited_to_lookcard_names" {
  command = plan

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "ManageLookcardRolesAndPolicies"]).Resource == [
      "arn:aws:iam::123456789012:role/lookcard-*",
      "arn:aws:iam::123456789012:policy/lookcard-*",
      "arn:aws:iam::123456789012:instance-profile/lookcard-*",
    ]
    error_message = "The deploy role may manage only lookcard-* roles, policies and instance profiles."
  }

  assert {
    condition = toset(one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "DenyChangesToAccessRolesAndOidcProvider"]).Resource) == toset([
      "arn:aws:iam::123456789012:role/lookcard-production-deploy",
      "arn:aws:iam::123456789012:role/lookcard-production-plan",
      "arn:aws:iam::123456789012:role/lookcard-production-admin",
      "arn:aws:iam::123456789012:role/lookcard-production-read-only",
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    ])
    error_message = "The deploy role must be denied changes to the access roles (its own included) and the OIDC provider."
  }

  assert {
    condition     = keys(aws_iam_role_policy_attachment.deploy) == ["arn:aws:iam::aws:policy/PowerUserAccess"]
    error_message = "The deploy role's managed policy must default to PowerUserAccess."
  }
}

run "deploy_cannot_tamper_with_the_state_backend" {
  command = plan

  assert {
    condition     = contains(one([for s in jsondecode(aws_iam_role_policy.deploy_state_guard.policy).Statement : s if s.Sid == "DenyStateBucketReconfiguration"]).Action, "s3:DeleteObjectVersion")
    error_message = "The deploy role must not delete state history."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.deploy_state_guard.policy).Statement : s if s.Sid == "DenyStateKeyReconfiguration"]).Resource == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    error_message = "The deploy role must not schedule deletion of the state key."
  }
}

run "oidc_provider_is_created_for_github" {
  command = plan

  assert {
    condition     = one(aws_iam_openid_connect_provider.github).url == "https://token.actions.githubusercontent.com" && one(aws_iam_openid_connect_provider.github).client_id_list == toset(["sts.amazonaws.com"])
    error_message = "The OIDC provider must be GitHub's, for the sts.amazonaws.com audience."
  }

  assert {
    condition     = output.oidc_provider_arn == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    error_message = "oidc_provider_arn must be the provider of this account."
  }
}

run "existing_oidc_provider_is_reused" {
  command = plan

  variables {
    github = {
      repository           = "lookcard/infrastructure"
      create_oidc_provider = false
      allowed_refs         = ["refs/heads/production"]
      plan_refs            = ["environment:production-plan"]
    }
  }

  assert {
    condition     = length(aws_iam_openid_connect_provider.github) == 0
    error_message = "create_oidc_provider = false must not create a provider."
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Principal.Federated == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" && output.oidc_provider_arn == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    error_message = "The roles must trust the account's existing provider, by the ARN built from account_id."
  }
}

run "no_admin_role_when_the_list_is_empty" {
  command = plan

  variables {
    admin_principal_arns   = []
    auditor_principal_arns = []
  }

  assert {
    condition     = length(aws_iam_role.admin) == 0 && length(aws_iam_role_policy_attachment.admin) == 0 && output.admin_role_arn == null
    error_message = "Without admin_principal_arns there must be no admin role and admin_role_arn must be null."
  }

  assert {
    condition     = length(aws_iam_role.read_only) == 0 && output.read_only_role_arn == null
    error_message = "Without any principal there must be no read-only role (a trust policy cannot be empty)."
  }
}

run "max_session_hours_sets_every_role" {
  command = plan

  variables {
    max_session_hours = 4
  }

  assert {
    condition     = aws_iam_role.deploy.max_session_duration == 14400 && aws_iam_role.plan.max_session_duration == 14400 && aws_iam_role.admin[0].max_session_duration == 14400
    error_message = "max_session_duration must be max_session_hours * 3600."
  }
}

run "rejects_a_repository_that_is_not_owner_name" {
  command = plan

  variables {
    github = {
      repository   = "not a repo"
      allowed_refs = ["refs/heads/production"]
      plan_refs    = ["environment:production-plan"]
    }
  }

  expect_failures = [var.github]
}

run "rejects_a_ref_matching_every_branch" {
  command = plan

  variables {
    github = {
      repository   = "lookcard/infrastructure"
      allowed_refs = ["refs/heads/*"]
      plan_refs    = ["environment:production-plan"]
    }
  }

  expect_failures = [var.github]
}

run "rejects_wildcard_refs_in_production" {
  command = plan

  variables {
    github = {
      repository   = "lookcard/infrastructure"
      allowed_refs = ["refs/tags/v*"]
      plan_refs    = ["environment:production-plan"]
    }
  }

  expect_failures = [aws_iam_role.deploy]
}

run "rejects_max_session_hours_above_12" {
  command = plan

  variables {
    max_session_hours = 24
  }

  expect_failures = [var.max_session_hours]
}

run "rejects_a_non_arn_admin_principal" {
  command = plan

  variables {
    admin_principal_arns = ["alice@lookcard.com"]
  }

  expect_failures = [var.admin_principal_arns]
}

run "rejects_a_deploy_policy_that_is_not_a_policy_arn" {
  command = plan

  variables {
    deploy_policy_arns = ["PowerUserAccess"]
  }

  expect_failures = [var.deploy_policy_arns]
}

run "rejects_administrator_access_for_ci" {
  command = plan

  variables {
    deploy_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  }

  expect_failures = [var.deploy_policy_arns]
}

run "rejects_a_plan_subject_matching_every_ref" {
  command = plan

  variables {
    github = {
      repository   = "lookcard/infrastructure"
      allowed_refs = ["environment:production"]
      plan_refs    = ["*"]
    }
  }

  expect_failures = [var.github]
}

# One credential chain: people apply from the admin role and the provider
# assumes the deploy role from it; CI is already the deploy role and never
# assumes it again. A role that trusted itself would hide a broken chain.
run "deploy_role_trusts_github_and_the_admin_role_only" {
  command = plan

  assert {
    condition = toset([for s in jsondecode(aws_iam_role.deploy.assume_role_policy).Statement : jsonencode(s.Principal)]) == toset([
      jsonencode({ Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }),
      jsonencode({ AWS = "arn:aws:iam::123456789012:role/lookcard-production-admin" }),
    ])
    error_message = "The deploy role must trust the GitHub OIDC provider and the admin role, nothing else."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role.deploy.assume_role_policy).Statement : s if s.Sid == "AdministratorsApplyAsDeploy"]).Action == "sts:AssumeRole"
    error_message = "The admin role must be able to assume the deploy role (sts:AssumeRole)."
  }

  assert {
    condition     = output.trust_policies.deploy == aws_iam_role.deploy.assume_role_policy && output.admin_role_arn == "arn:aws:iam::123456789012:role/lookcard-production-admin"
    error_message = "trust_policies and admin_role_arn must be known at plan time and match the roles."
  }
}

run "no_role_trusts_itself" {
  command = plan

  assert {
    condition = alltrue(flatten([for role, policy in output.trust_policies : [
      for s in jsondecode(policy).Statement : !contains(flatten([try(s.Principal.AWS, [])]), "arn:aws:iam::123456789012:role/lookcard-production-${replace(role, "_", "-")}")
    ]]))
    error_message = "No role may trust itself: a role cannot assume itself unless its trust names it, and CI must never need to."
  }

  assert {
    condition     = toset(keys(output.trust_policies)) == toset(["deploy", "plan", "admin", "read_only"])
    error_message = "trust_policies must hold every role the module creates."
  }
}

run "without_an_admin_role_the_deploy_role_trusts_github_only" {
  command = plan

  variables {
    admin_principal_arns   = []
    auditor_principal_arns = []
  }

  assert {
    condition     = length(jsondecode(aws_iam_role.deploy.assume_role_policy).Statement) == 1
    error_message = "Without an admin role the deploy role's trust must not name one (IAM refuses a principal that does not exist)."
  }
}

run "plan_role_may_assume_exactly_the_listed_roles" {
  command = plan

  variables {
    assumable_role_arns = ["arn:aws:iam::210000000009:role/lookcard-dns-records"]
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s if s.Sid == "AssumeOtherAccountsRoles"]).Resource == ["arn:aws:iam::210000000009:role/lookcard-dns-records"]
    error_message = "The plan role must be allowed sts:AssumeRole on exactly assumable_role_arns."
  }
}

run "rejects_an_assumable_account_root" {
  command = plan

  variables {
    assumable_role_arns = ["arn:aws:iam::210000000009:root"]
  }

  expect_failures = [var.assumable_role_arns]
}

run "rejects_an_admin_account_root" {
  command = plan

  variables {
    admin_principal_arns = ["arn:aws:iam::210000000001:root"]
  }

  expect_failures = [var.admin_principal_arns]
}

run "deploy_role_creates_and_changes_roles_only_with_the_boundary" {
  command = plan

  assert {
    condition     = aws_iam_policy.workload_boundary.name == "lookcard-production-workload-boundary" && output.permissions_boundary_arn == "arn:aws:iam::123456789012:policy/lookcard-production-workload-boundary"
    error_message = "The boundary must be the policy <name_prefix>-workload-boundary, and the output its ARN."
  }

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "ManageLookcardRolesWithTheBoundary"]).Condition == {
      StringEquals = { "iam:PermissionsBoundary" = "arn:aws:iam::123456789012:policy/lookcard-production-workload-boundary" }
    }
    error_message = "The deploy role may create roles and change their policies only with iam:PermissionsBoundary = the workload boundary."
  }

  assert {
    condition = toset(one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "DenyRolesWithoutTheBoundary"]).Action) == toset([
      "iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
    ]) && one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "DenyRolesWithoutTheBoundary"]).Effect == "Deny"
    error_message = "CreateRole, PutRolePermissionsBoundary and the role policy actions must be denied without the boundary, whatever else the deploy role is granted."
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement :
      !contains(try(tolist(s.Action), [s.Action]), "iam:CreateRole") && !contains(try(tolist(s.Action), [s.Action]), "iam:AttachRolePolicy") && !contains(try(tolist(s.Action), [s.Action]), "iam:PutRolePolicy")
      if s.Effect == "Allow" && s.Sid != "ManageLookcardRolesWithTheBoundary"
    ])
    error_message = "No other Allow statement of the deploy role may grant CreateRole, AttachRolePolicy or PutRolePolicy unconditioned."
  }

  assert {
    condition     = contains(one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "DenyRemovingBoundaries"]).Action, "iam:DeleteRolePermissionsBoundary")
    error_message = "The deploy role must be denied iam:DeleteRolePermissionsBoundary."
  }

  assert {
    condition = (
      one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "DenyChangesToTheBoundary"]).Resource == "arn:aws:iam::123456789012:policy/lookcard-production-workload-boundary" &&
      contains(one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "DenyChangesToTheBoundary"]).Action, "iam:CreatePolicyVersion") &&
      contains(one([for s in jsondecode(aws_iam_role_policy.deploy_iam.policy).Statement : s if s.Sid == "DenyChangesToTheBoundary"]).Action, "iam:SetDefaultPolicyVersion")
    )
    error_message = "The deploy role must be denied new versions of (and every other change to) the boundary policy."
  }
}

run "boundary_allows_no_iam_but_passing_lookcard_roles" {
  command = plan

  assert {
    condition     = contains(one([for s in jsondecode(aws_iam_policy.workload_boundary.policy).Statement : s if s.Sid == "WorkloadServices"]).NotAction, "iam:*")
    error_message = "The boundary's broad statement must exclude every IAM action."
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_iam_policy.workload_boundary.policy).Statement :
      alltrue([for a in try(tolist(s.Action), [s.Action]) : !startswith(a, "iam:") || contains(["iam:PassRole", "iam:GetRole", "iam:Get*", "iam:List*"], a)])
      if s.Effect == "Allow" && can(s.Action)
    ])
    error_message = "The boundary may allow no IAM action but iam:PassRole and reading (iam:Get*, iam:List*)."
  }

  # AWS Config records IAM (include_global_resource_types) through
  # AWS_ConfigRole's iam:Get*/List*, which the boundary must leave it.
  assert {
    condition     = toset(one([for s in jsondecode(aws_iam_policy.workload_boundary.policy).Statement : s if s.Sid == "ReadIAMConfiguration"]).Action) == toset(["iam:Get*", "iam:List*"])
    error_message = "The boundary must let a bounded role read IAM (AWS Config's recorder), and nothing more of IAM."
  }

  assert {
    condition     = toset(one([for s in jsondecode(aws_iam_policy.workload_boundary.policy).Statement : s if s.Sid == "NeverTheAccessRoles"]).Resource) == toset(["arn:aws:iam::123456789012:role/lookcard-production-deploy", "arn:aws:iam::123456789012:role/lookcard-production-plan", "arn:aws:iam::123456789012:role/lookcard-production-admin", "arn:aws:iam::123456789012:role/lookcard-production-read-only"])
    error_message = "A bounded role must never assume or pass the access roles."
  }
}

run "plan_role_reads_no_log_events_nor_image_layers" {
  command = plan

  assert {
    condition = length(setsubtract(
      toset(["logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]),
      toset(one([for s in jsondecode(aws_iam_role_policy.plan_state.policy).Statement : s if s.Sid == "DenyLogAndImageContent" && s.Effect == "Deny"]).Action),
    )) == 0
    error_message = "The plan role must be denied reading log events and image layers (ReadOnlyAccess grants both)."
  }
}

run "deploy_role_cannot_delete_backups" {
  command = plan

  assert {
    condition = length(setsubtract(
      toset(["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:DeleteBackupVaultLockConfiguration"]),
      toset(one([for s in jsondecode(aws_iam_role_policy.deploy_state_guard.policy).Statement : s if s.Sid == "DenyDeletingBackups" && s.Effect == "Deny"]).Action),
    )) == 0
    error_message = "The deploy role must be denied deleting recovery points, shortening their retention and removing a vault lock."
  }
}

run "boundary_carries_the_deploy_roles_state_and_backup_denies" {
  command = plan

  assert {
    condition = length(setsubtract(
      toset(["DenyStateBucketReconfiguration", "DenyLockTableReconfiguration", "DenyStateKeyReconfiguration", "DenyDeletingBackups"]),
      toset([for s in jsondecode(aws_iam_policy.workload_boundary.policy).Statement : s.Sid if s.Effect == "Deny"]),
    )) == 0
    error_message = "A role CI creates must not get around the deploy role's denies: the boundary must carry them."
  }
}
