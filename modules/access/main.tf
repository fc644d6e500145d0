# IAM for people and CI in one account: GitHub Actions roles federated through
# OIDC (deploy for the allowed refs, plan for any ref of the repository), and
# MFA-only roles for administrators and auditors. Apply this module with an
# admin session, never from CI: the deploy role is denied changes to these
# roles and to the OIDC provider.

locals {
  partition  = "aws" # ap-southeast-1 is in the aws partition
  oidc_host  = "token.actions.githubusercontent.com"
  repository = var.github.repository

  # The provider's ARN is fixed by the account and URL, so it is known at plan
  # time whether this module creates the provider or reuses the account's.
  oidc_provider_arn = "arn:${local.partition}:iam::${var.account_id}:oidc-provider/${local.oidc_host}"

  role_names = {
    deploy    = "${var.name_prefix}-deploy"
    plan      = "${var.name_prefix}-plan"
    admin     = "${var.name_prefix}-admin"
    read_only = "${var.name_prefix}-read-only"
  }
  role_arns = { for k, n in local.role_names : k => "arn:${local.partition}:iam::${var.account_id}:role/${n}" }

  max_session_duration = var.max_session_hours * 3600

  # GitHub's default sub claim: repo:<owner/name>:ref:<ref> for branch and tag
  # runs, repo:<owner/name>:environment:<name> for jobs that name an environment.
  subjects = { for role, refs in { deploy = var.github.allowed_refs, plan = var.github.plan_refs } : role => [for r in refs :
    startswith(r, "environment:") ? "repo:${local.repository}:${r}" : "repo:${local.repository}:ref:${r}"
  ] }

  # One credential chain: CI jobs arrive through OIDC already as the deploy (or
  # plan) role, and the main root's provider does not assume again there (a role
  # cannot assume itself). People apply from the admin role (MFA), and the
  # provider assumes the deploy role from it: the deploy role trusts the admin
  # role for that, and nothing else but GitHub.
  admin_role_created = length(var.admin_principal_arns) > 0

  github_trust = { for role, subjects in local.subjects : role => jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "GitHubActions"
        Effect    = "Allow"
        Principal = { Federated = local.oidc_provider_arn }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = { "${local.oidc_host}:aud" = "sts.amazonaws.com" }
          StringLike   = { "${local.oidc_host}:sub" = subjects }
        }
      }],
      role == "deploy" && local.admin_role_created ? [{
        Sid       = "AdministratorsApplyAsDeploy"
        Effect    = "Allow"
        Principal = { AWS = local.role_arns.admin }
        Action    = "sts:AssumeRole"
      }] : [],
    )
  }) }

  # People come in from the identity account with a fresh MFA sign-in only.
  mfa_trust = { for role, principals in {
    admin     = var.admin_principal_arns
    read_only = distinct(concat(var.admin_principal_arns, var.auditor_principal_arns))
    } : role => jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid       = "PeopleWithMfa"
        Effect    = "Allow"
        Principal = { AWS = principals }
        Action    = "sts:AssumeRole"
        Condition = {
          Bool            = { "aws:MultiFactorAuthPresent" = "true" }
          NumericLessThan = { "aws:MultiFactorAuthAge" = "3600" }
        }
      }]
  }) if length(principals) > 0 }

  # --- State backend ARNs ------------------------------------------------------
  state_bucket_arn  = "arn:${local.partition}:s3:::${var.state.bucket}"
  state_objects_arn = "${local.state_bucket_arn}/*"
  lock_table_arn    = "arn:${local.partition}:dynamodb:${var.region}:${var.account_id}:table/${var.state.lock_table}"

  # --- Deploy role: IAM limited to lookcard-* ----------------------------------
  lookcard_iam_arns = [
    "arn:${local.partition}:iam::${var.account_id}:role/lookcard-*",
    "arn:${local.partition}:iam::${var.account_id}:policy/lookcard-*",
    "arn:${local.partition}:iam::${var.account_id}:instance-profile/lookcard-*",
  ]

  # --- Workload permissions boundary -------------------------------------------
  # Every role the pipeline creates carries it (the deploy role may create or
  # change a role only with it). It caps a workload role at non-IAM services
  # plus passing lookcard-* roles (EventBridge Scheduler passes the ECS task
  # roles), keeps it out of the access roles, and carries the deploy role's
  # state and backup denies.
  boundary_name = "${var.name_prefix}-workload-boundary"
  boundary_arn  = "arn:${local.partition}:iam::${var.account_id}:policy/${local.boundary_name}"

  boundary_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid       = "WorkloadServices"
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*", "account:*", "sso:*", "identitystore:*"]
        Resource  = "*"
      },
      {
        # AWS Config's recorder (AWS_ConfigRole) reads IAM to record roles,
        # users and policies (include_global_resource_types); without this the
        # boundary would leave IAM out of the configuration history.
        Sid      = "ReadIAMConfiguration"
        Effect   = "Allow"
        Action   = ["iam:Get*", "iam:List*"]
        Resource = "*"
      },
      {
        Sid      = "PassLookcardRoles"
        Effect   = "Allow"
        Action   = ["iam:PassRole", "iam:GetRole"]
        Resource = "arn:${local.partition}:iam::${var.account_id}:role/lookcard-*"
      },
      {
        Sid      = "NeverTheAccessRoles"
        Effect   = "Deny"
        Action   = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "iam:PassRole"]
        Resource = values(local.role_arns)
      },
    ], local.guard_statements)
  })

  # Actions whose request carries iam:PermissionsBoundary (the boundary the
  # role is created with or set to, or the one it already has): CI may use
  # them only on roles that carry the workload boundary.
  boundary_conditioned_actions = [
    "iam:CreateRole", "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
  ]

  deploy_iam_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # IAM's List* actions have no resource-level permissions.
        Sid      = "ReadIam"
        Effect   = "Allow"
        Action   = ["iam:Get*", "iam:List*"]
        Resource = "*"
      },
      {
        # A role CI creates (or whose permissions it changes) always has the
        # workload boundary: whatever policy CI writes, the role can never
        # exceed it, so CI cannot grant itself more through a role it makes.
        Sid       = "ManageLookcardRolesWithTheBoundary"
        Effect    = "Allow"
        Action    = local.boundary_conditioned_actions
        Resource  = "arn:${local.partition}:iam::${var.account_id}:role/lookcard-*"
        Condition = { StringEquals = { "iam:PermissionsBoundary" = local.boundary_arn } }
      },
      {
        Sid    = "ManageLookcardRolesAndPolicies"
        Effect = "Allow"
        Action = [
          "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription",
          "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole",
          "iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion",
          "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
          "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:AddRoleToInstanceProfile",
          "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile",
        ]
        Resource = local.lookcard_iam_arns
      },
      {
        # Explicit, so that no other policy of the role (deploy_policy_arns)
        # can lift it: a missing boundary does not equal ours either.
        Sid       = "DenyRolesWithoutTheBoundary"
        Effect    = "Deny"
        Action    = local.boundary_conditioned_actions
        Resource  = "*"
        Condition = { StringNotEquals = { "iam:PermissionsBoundary" = local.boundary_arn } }
      },
      {
        Sid      = "DenyRemovingBoundaries"
        Effect   = "Deny"
        Action   = ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"]
        Resource = "*"
      },
      {
        # The boundary matches policy/lookcard-* too: CI must not rewrite it.
        Sid    = "DenyChangesToTheBoundary"
        Effect = "Deny"
        Action = [
          "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion",
          "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
        ]
        Resource = local.boundary_arn
      },
      {
        Sid      = "PassLookcardRoles"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:${local.partition}:iam::${var.account_id}:role/lookcard-*"
      },
      {
        # The access roles match lookcard-* too: CI must not widen its own trust
        # or permissions, nor those of the people's roles.
        Sid    = "DenyChangesToAccessRolesAndOidcProvider"
        Effect = "Deny"
        Action = [
          "iam:Add*", "iam:Attach*", "iam:Create*", "iam:Delete*", "iam:Detach*", "iam:PassRole",
          "iam:Put*", "iam:Remove*", "iam:Set*", "iam:Tag*", "iam:Untag*", "iam:Update*",
        ]
        Resource = concat(values(local.role_arns), [local.oidc_provider_arn])
      },
      {
        Sid      = "DenyAttachingAdministratorPolicies"
        Effect   = "Deny"
        Action   = "iam:AttachRolePolicy"
        Resource = "arn:${local.partition}:iam::${var.account_id}:role/lookcard-*"
        Condition = {
          ArnEquals = {
            "iam:PolicyARN" = [
              "arn:${local.partition}:iam::aws:policy/AdministratorAccess",
              "arn:${local.partition}:iam::aws:policy/IAMFullAccess",
            ]
          }
        }
      },
    ]
  })

  # PowerUserAccess includes s3, dynamodb and kms: keep CI from weakening or
  # destroying the state backend it writes to (that is the bootstrap's job).
  # Also part of the workload boundary: a role CI creates must not be a way
  # around these denies (CI could create one, trust itself and assume it).
  guard_statements = concat(
    [
      {
        Sid    = "DenyStateBucketReconfiguration"
        Effect = "Deny"
        Action = [
          "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:PutBucketVersioning",
          "s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls", "s3:PutBucketAcl",
          "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration", "s3:PutReplicationConfiguration",
          "s3:PutBucketObjectLockConfiguration", "s3:DeleteObjectVersion",
        ]
        Resource = [local.state_bucket_arn, local.state_objects_arn]
      },
      {
        # Backups (modules/backup) and their lock are an administrator's:
        # CI can neither delete a recovery point, shorten its retention nor
        # lift a vault lock, whatever a vault's access policy says.
        Sid    = "DenyDeletingBackups"
        Effect = "Deny"
        Action = [
          "backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:DeleteBackupVaultLockConfiguration",
          "backup:DisassociateRecoveryPoint", "backup:DeleteBackupVault",
        ]
        Resource = "*"
      },
      {
        Sid      = "DenyLockTableReconfiguration"
        Effect   = "Deny"
        Action   = ["dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups"]
        Resource = local.lock_table_arn
      },
    ],
    var.state.kms_key_arn == null ? [] : [{
      Sid    = "DenyStateKeyReconfiguration"
      Effect = "Deny"
      Action = [
        "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DisableKeyRotation", "kms:PutKeyPolicy",
      ]
      Resource = var.state.kms_key_arn
    }],
  )

  deploy_state_guard_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.guard_statements
  })

  # --- Plan role: read everything's configuration, read state, lock --------------
  # What a plan of the main root must read beyond ReadOnlyAccess's configuration,
  # named as the modules name them (modules/api-gateway/truststore.tf,
  # modules/waf/main.tf: <name_prefix>-<acl>-origin-verify-<suffix>).
  plan_readable = {
    # Sandbox previews name theirs lookcard-sandbox-<slug>-api-mtls-<account>.
    truststore_objects = "arn:${local.partition}:s3:::${var.name_prefix}-*api-mtls-${var.account_id}/*"
    origin_secrets     = "arn:${local.partition}:secretsmanager:${var.region}:${var.account_id}:secret:${var.name_prefix}-*-origin-verify-*"
  }

  plan_state_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "ListStateBucket"
          Effect   = "Allow"
          Action   = "s3:ListBucket"
          Resource = local.state_bucket_arn
        },
        {
          Sid      = "ReadState"
          Effect   = "Allow"
          Action   = "s3:GetObject"
          Resource = local.state_objects_arn
        },
        {
          # S3 native locking (use_lockfile) writes <key>.tflock; the state
          # objects themselves stay read-only.
          Sid      = "WriteLockFilesOnly"
          Effect   = "Allow"
          Action   = ["s3:PutObject", "s3:DeleteObject"]
          Resource = "${local.state_bucket_arn}/*.tflock"
        },
        {
          Sid      = "LockTable"
          Effect   = "Allow"
          Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
          Resource = local.lock_table_arn
        },
        {
          # ReadOnlyAccess reads every bucket's objects and every table's items,
          # and plans run for any branch and pull request: keep the plan role
          # to configuration, not data (PCI DSS need-to-know). The API's mTLS
          # truststore (a public CA certificate, managed as an aws_s3_object)
          # is configuration: refreshing it is a HeadObject, which needs
          # s3:GetObject.
          Sid         = "DenyDataReadsOutsideState"
          Effect      = "Deny"
          Action      = ["s3:GetObject", "s3:GetObjectVersion"]
          NotResource = [local.state_objects_arn, local.plan_readable.truststore_objects]
        },
        {
          # Nor log events (they may hold request data) nor container image
          # layers: a plan reads log groups' and repositories' configuration.
          Sid    = "DenyLogAndImageContent"
          Effect = "Deny"
          Action = [
            "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults",
            "logs:StartLiveTail", "logs:GetLogRecord", "logs:Unmask",
            "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
          ]
          Resource = "*"
        },
        {
          # Secret values stay out of plans, except the edge's origin-verify
          # headers: the provider refreshes their aws_secretsmanager_secret_version
          # with GetSecretValue, and the same value is already readable with
          # ReadOnlyAccess in CloudFront's origin and API Gateway's integration.
          Sid         = "DenySecretValuesButOriginHeaders"
          Effect      = "Deny"
          Action      = "secretsmanager:GetSecretValue"
          NotResource = local.plan_readable.origin_secrets
        },
        {
          Sid      = "ReadOriginHeaderSecrets"
          Effect   = "Allow"
          Action   = "secretsmanager:GetSecretValue"
          Resource = local.plan_readable.origin_secrets
        },
        {
          # The WAF module's aws_secretsmanager_random_password data source is
          # read at every plan (a generator: it reads nothing stored).
          Sid      = "GenerateOriginHeaderValues"
          Effect   = "Allow"
          Action   = "secretsmanager:GetRandomPassword"
          Resource = "*"
        },
        {
          Sid         = "DenyItemReadsOutsideLockTable"
          Effect      = "Deny"
          Action      = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect", "dynamodb:GetRecords"]
          NotResource = local.lock_table_arn
        },
      ],
      var.state.kms_key_arn == null ? [] : [{
        Sid      = "UseStateKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = var.state.kms_key_arn
      }],
      # ReadOnlyAccess has no sts:AssumeRole: a plan that configures a provider
      # in another account (aws.dns) must be allowed to assume exactly that role.
      length(var.assumable_role_arns) == 0 ? [] : [{
        Sid      = "AssumeOtherAccountsRoles"
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = var.assumable_role_arns
      }],
    )
  })

  managed_policy_arns = {
    plan      = ["arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"]
    admin     = ["arn:${local.partition}:iam::aws:policy/AdministratorAccess"]
    read_only = ["arn:${local.partition}:iam::aws:policy/ReadOnlyAccess", "arn:${local.partition}:iam::aws:policy/SecurityAudit"]
  }
}

# --- GitHub OIDC provider -------------------------------------------------------

# thumbprint_list is left out: AWS verifies GitHub's certificate against its
# own trusted CAs, and provider v6 no longer requires the argument.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.github.create_oidc_provider ? 1 : 0

  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]

  tags = {
    Name = "github-actions"
  }
}

# --- Workload permissions boundary -------------------------------------------------

# Created here (by an administrator), never by CI, which is denied changing it.
resource "aws_iam_policy" "workload_boundary" {
  name        = local.boundary_name
  description = "Permissions boundary of every role the ${var.environment} pipeline creates: no IAM beyond passing lookcard-* roles, never the access roles."
  policy      = local.boundary_policy

  tags = {
    Name = local.boundary_name
  }
}

# The four access roles below are built by hand rather than with
# modules/iam-role, which every workload role uses: they must not carry the
# workload boundary (it caps IAM, which the deploy and admin roles need, and
# it denies assuming or passing these very roles), and modules/iam-role makes
# the boundary mandatory. They are created once by an administrator in
# bootstrap/, never by the pipeline. Each still has both exclusive guards.

# --- Deploy role (CI, allowed refs only) --------------------------------------------

resource "aws_iam_role" "deploy" {
  name                 = local.role_names.deploy
  description          = "GitHub Actions deploys of ${local.repository} from ${join(", ", var.github.allowed_refs)}${local.admin_role_created ? ", and the admin role's applies" : ""}."
  assume_role_policy   = local.github_trust.deploy
  max_session_duration = local.max_session_duration

  tags = {
    Name = local.role_names.deploy
  }

  lifecycle {
    precondition {
      condition     = var.environment != "production" || alltrue([for r in var.github.allowed_refs : !strcontains(r, "*")])
      error_message = "In production github.allowed_refs must name exact refs or environments, without wildcards."
    }
  }

  # IAM refuses a trust policy that names a role that does not exist yet.
  depends_on = [aws_iam_openid_connect_provider.github, aws_iam_role.admin]
}

resource "aws_iam_role_policy_attachment" "deploy" {
  for_each = toset(var.deploy_policy_arns)

  role       = aws_iam_role.deploy.name
  policy_arn = each.value
}

resource "aws_iam_role_policy" "deploy_iam" {
  name   = "iam-lookcard-only"
  role   = aws_iam_role.deploy.id
  policy = local.deploy_iam_policy
}

resource "aws_iam_role_policy" "deploy_state_guard" {
  name   = "state-backend-guard"
  role   = aws_iam_role.deploy.id
  policy = local.deploy_state_guard_policy
}

# Detaches any managed policy or inline policy added outside this module.
resource "aws_iam_role_policy_attachments_exclusive" "deploy" {
  role_name   = aws_iam_role.deploy.name
  policy_arns = [for a in aws_iam_role_policy_attachment.deploy : a.policy_arn]
}

resource "aws_iam_role_policies_exclusive" "deploy" {
  role_name    = aws_iam_role.deploy.name
  policy_names = [aws_iam_role_policy.deploy_iam.name, aws_iam_role_policy.deploy_state_guard.name]
}

# --- Plan role (CI, any ref and pull requests) ---------------------------------------

resource "aws_iam_role" "plan" {
  name                 = local.role_names.plan
  description          = "GitHub Actions plans of ${local.repository} from ${join(", ", var.github.plan_refs)}: read-only plus state locking."
  assume_role_policy   = local.github_trust.plan
  max_session_duration = local.max_session_duration

  tags = {
    Name = local.role_names.plan
  }

  depends_on = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy_attachment" "plan" {
  for_each = toset(local.managed_policy_arns.plan)

  role       = aws_iam_role.plan.name
  policy_arn = each.value
}

resource "aws_iam_role_policy" "plan_state" {
  name   = "terraform-state"
  role   = aws_iam_role.plan.id
  policy = local.plan_state_policy
}

resource "aws_iam_role_policy_attachments_exclusive" "plan" {
  role_name   = aws_iam_role.plan.name
  policy_arns = [for a in aws_iam_role_policy_attachment.plan : a.policy_arn]
}

resource "aws_iam_role_policies_exclusive" "plan" {
  role_name    = aws_iam_role.plan.name
  policy_names = [aws_iam_role_policy.plan_state.name]
}

# --- Admin role (people, MFA) ----------------------------------------------------------

resource "aws_iam_role" "admin" {
  count = local.admin_role_created ? 1 : 0

  name                 = local.role_names.admin
  description          = "Administrators from the identity account, with MFA; short sessions."
  assume_role_policy   = local.mfa_trust.admin
  max_session_duration = local.max_session_duration

  tags = {
    Name = local.role_names.admin
  }
}

resource "aws_iam_role_policy_attachment" "admin" {
  for_each = length(aws_iam_role.admin) == 0 ? toset([]) : toset(local.managed_policy_arns.admin)

  role       = aws_iam_role.admin[0].name
  policy_arn = each.value
}

resource "aws_iam_role_policy_attachments_exclusive" "admin" {
  count = length(aws_iam_role.admin)

  role_name   = aws_iam_role.admin[0].name
  policy_arns = [for a in aws_iam_role_policy_attachment.admin : a.policy_arn]
}

resource "aws_iam_role_policies_exclusive" "admin" {
  count = length(aws_iam_role.admin)

  role_name    = aws_iam_role.admin[0].name
  policy_names = []
}

# --- Read-only role (auditors and admins, MFA) -------------------------------------------

resource "aws_iam_role" "read_only" {
  count = contains(keys(local.mfa_trust), "read_only") ? 1 : 0

  name                 = local.role_names.read_only
  description          = "Auditors (and administrators for day-to-day reading), with MFA: ReadOnlyAccess and SecurityAudit."
  assume_role_policy   = local.mfa_trust.read_only
  max_session_duration = local.max_session_duration

  tags = {
    Name = local.role_names.read_only
  }
}

resource "aws_iam_role_policy_attachment" "read_only" {
  for_each = length(aws_iam_role.read_only) == 0 ? toset([]) : toset(local.managed_policy_arns.read_only)

  role       = aws_iam_role.read_only[0].name
  policy_arn = each.value
}

resource "aws_iam_role_policy_attachments_exclusive" "read_only" {
  count = length(aws_iam_role.read_only)

  role_name   = aws_iam_role.read_only[0].name
  policy_arns = [for a in aws_iam_role_policy_attachment.read_only : a.policy_arn]
}

resource "aws_iam_role_policies_exclusive" "read_only" {
  count = length(aws_iam_role.read_only)

  role_name    = aws_iam_role.read_only[0].name
  policy_names = []
}
