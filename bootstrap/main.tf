# The Terraform state backend of one AWS account: a KMS key, a versioned and
# locked-down S3 bucket for state, and a DynamoDB table for state locks.
# Everything here is protected from `destroy`; see README.md before changing it.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  root_arn    = "arn:${local.partition}:iam::${local.account_id}:root"
  bucket_name = coalesce(var.state_bucket_name, "lookcard-terraform-state-${var.account_name}")
  bucket_arn  = "arn:${local.partition}:s3:::${local.bucket_name}"

  # Actions that manage the key without being able to use it.
  key_admin_actions = [
    "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:Describe*",
    "kms:DisableKey", "kms:EnableKey", "kms:EnableKeyRotation", "kms:Get*", "kms:List*",
    "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
    "kms:UpdateAlias", "kms:UpdateKeyDescription",
  ]

  # GitHub environments whose jobs assume this account's CI roles, by role:
  # exactly those of .github/workflows/deploy.yml, whose plan job runs in
  # "<branch>-plan" and whose apply job in "<branch>" (a job that names an
  # environment gets the sub claim repo:<owner/name>:environment:<name>).
  # internal/suite/identity_test.go evaluates this expression and compares it
  # with the workflow: keep it a plain object of templates.
  github_oidc_environments = {
    deploy = [var.account_name]
    plan   = ["${var.account_name}-plan"]
  }

  # Key administrators must exist before the key: KMS refuses a policy naming
  # a principal it cannot see (MalformedPolicyDocumentException). They are the
  # admin role created below (its ARN is known at plan time and becomes
  # available only once the role exists) and admin_role_arns, roles that must
  # already exist and are looked up at plan time.
  # (module.access[0].admin_role_arn, not module.access[*]: the whole module
  # would depend on the key through its state policies, a cycle.)
  key_administrator_arns = distinct(concat(
    compact([var.account_name == "shared" ? null : module.access[0].admin_role_arn]),
    var.admin_role_arns,
  ))

  # The account root keeps kms:* so that IAM policies of this account (the
  # deploy and plan roles) can be granted use of the key, and so that the key
  # can never become unmanageable (nor fail KMS's lockout safety check for the
  # administrator who applies this).
  key_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "AccountRootManagesKey"
        Effect    = "Allow"
        Principal = { AWS = local.root_arn }
        Action    = "kms:*"
        Resource  = "*"
      }],
      length(local.key_administrator_arns) == 0 ? [] : [{
        Sid       = "KeyAdministrators"
        Effect    = "Allow"
        Principal = { AWS = local.key_administrator_arns }
        Action    = local.key_admin_actions
        Resource  = "*"
      }],
    )
  })
}

# --- KMS key -----------------------------------------------------------------

# Prerequisites: each role in admin_role_arns must already exist. Reading it
# here fails the plan, not the key's creation halfway through an apply.
data "aws_iam_role" "key_administrator" {
  for_each = toset(var.admin_role_arns)

  name = regex("[^/]+$", each.value)
}

resource "aws_kms_key" "state" {
  description             = "lookcard ${var.account_name}: Terraform state bucket and lock table"
  key_usage               = "ENCRYPT_DECRYPT"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
  policy                  = local.key_policy

  tags = {
    Name    = "lookcard-terraform-state"
    Purpose = "terraform-state"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_alias" "state" {
  name          = "alias/lookcard-terraform-state"
  target_key_id = aws_kms_key.state.key_id
}

# --- State bucket ------------------------------------------------------------

# modules/s3-bucket: versioned, SSE-KMS with the state key, every public access
# block, ACLs disabled, TLS 1.2+ only, protected from destroy.
module "state_bucket" {
  source = "../modules/s3-bucket"

  name            = local.bucket_name
  partition       = local.partition
  tags            = { Purpose = "terraform-state" }
  prevent_destroy = true

  versioning = true
  encryption = { kms_key_arn = aws_kms_key.state.arn }

  # Writes must name the state key: the S3 backend sends both headers when it
  # is configured with kms_key_id = <key ARN> (the backend_config output). A
  # write without them (or with AES256, which is what `encrypt = true` alone
  # sends) is refused rather than silently encrypted some other way.
  policy_statements = [
    {
      Sid       = "DenyPutObjectWithoutSseKms"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "${local.bucket_arn}/*"
      Condition = { StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" } }
    },
    {
      Sid       = "DenyPutObjectWithAnotherKey"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "${local.bucket_arn}/*"
      Condition = { StringNotEquals = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = aws_kms_key.state.arn } }
    },
  ]

  # The current state is never expired, only superseded versions.
  lifecycle_rules = [{
    id                                     = "expire-noncurrent-state-versions"
    noncurrent_version_expiration_days     = var.noncurrent_version_retention_days
    abort_incomplete_multipart_upload_days = 7
  }]
}

# --- Lock table ----------------------------------------------------------------

resource "aws_dynamodb_table" "locks" {
  name                        = var.lock_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "LockID"
  deletion_protection_enabled = true

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.state.arn
  }

  tags = {
    Name    = var.lock_table_name
    Purpose = "terraform-state-locks"
  }

  lifecycle {
    prevent_destroy = true
  }
}

# People and CI: the roles the main root is planned and applied with. They are
# created here, by an administrator with MFA, because the deploy role must
# never be able to change its own permissions.
module "access" {
  source = "../modules/access"
  count  = var.account_name == "shared" ? 0 : 1

  name_prefix = "lookcard-${var.account_name}"
  environment = var.account_name
  account_id  = data.aws_caller_identity.current.account_id
  region      = var.region

  github = {
    repository   = var.github_repository
    allowed_refs = [for e in local.github_oidc_environments.deploy : "environment:${e}"]
    plan_refs    = [for e in local.github_oidc_environments.plan : "environment:${e}"]
  }
  assumable_role_arns = compact([var.dns_role_arn])

  state = {
    bucket      = module.state_bucket.name
    lock_table  = aws_dynamodb_table.locks.name
    kms_key_arn = aws_kms_key.state.arn
  }

  admin_principal_arns   = var.admin_principal_arns
  auditor_principal_arns = var.auditor_principal_arns
}
