variable "region" {
  type        = string
  description = "Region of the state lock table (the region of the S3 backend)."
  default     = "ap-southeast-1"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-southeast-1."
  }
}

variable "github" {
  description = <<-EOT
    GitHub Actions access. repository is owner/name, exactly as GitHub spells
    it (the sub claim is case-sensitive). create_oidc_provider = false reuses
    the account's existing token.actions.githubusercontent.com provider (an
    account holds one per URL). allowed_refs are what may assume the deploy
    role: branch or tag refs ("refs/heads/production", "refs/tags/v*") or
    GitHub environments ("environment:production"). A job that names an
    environment gets an environment sub claim, not a ref one, so such jobs need
    the environment form. plan_refs, in the same forms, are what may assume the
    read-only plan role. List exactly the subjects of the workflow jobs that
    assume each role (bootstrap/ derives both from deploy.yml's convention).
  EOT
  type = object({
    repository           = string
    create_oidc_provider = optional(bool, true)
    allowed_refs         = list(string)
    plan_refs            = list(string)
  })
  nullable = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.github.repository))
    error_message = "github.repository must be owner/name, such as lookcard/infrastructure."
  }

  validation {
    condition     = length(var.github.allowed_refs) > 0
    error_message = "github.allowed_refs must name at least one ref or environment that may deploy."
  }

  validation {
    # The first character after refs/heads/ or refs/tags/ may not be a
    # wildcard, so no entry can match every branch or tag; pull request refs
    # (refs/pull/...) never deploy.
    condition = alltrue([for r in var.github.allowed_refs :
      can(regex("^refs/(heads|tags)/[A-Za-z0-9._-][A-Za-z0-9._/*-]{0,200}$", r)) ||
      can(regex("^environment:[A-Za-z0-9._-]{1,255}$", r))
    ])
    error_message = "github.allowed_refs entries must be refs/heads/<branch>, refs/tags/<tag> (a trailing pattern such as refs/tags/v* is allowed, a bare * is not) or environment:<name>."
  }

  validation {
    condition = length(var.github.plan_refs) > 0 && alltrue([for r in var.github.plan_refs :
      can(regex("^refs/(heads|tags)/[A-Za-z0-9._-][A-Za-z0-9._/*-]{0,200}$", r)) ||
      can(regex("^environment:[A-Za-z0-9._-]{1,255}$", r))
    ])
    error_message = "github.plan_refs must name at least one ref or environment that may plan, in the forms of allowed_refs (refs/heads/<branch>, refs/tags/<tag>, environment:<name>); a subject matching every ref is refused."
  }
}

variable "state" {
  description = "The account's Terraform state backend (the bootstrap root's outputs): bucket, lock_table, and kms_key_arn, the state key, without which the plan role cannot read SSE-KMS state."
  type = object({
    bucket      = string
    lock_table  = string
    kms_key_arn = optional(string)
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state.bucket))
    error_message = "state.bucket must be an S3 bucket name such as lookcard-terraform-state-production."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.state.lock_table))
    error_message = "state.lock_table must be a DynamoDB table name such as lookcard-terraform-locks."
  }

  validation {
    condition     = var.state.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.state.kms_key_arn))
    error_message = "state.kms_key_arn must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); an alias ARN does not work in IAM policies for kms:Decrypt."
  }
}

variable "admin_principal_arns" {
  type        = list(string)
  description = "IAM users or roles (normally in the identity account) trusted to assume the admin role with MFA. Empty: no admin role."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "admin_principal_arns must be IAM user or role ARNs (arn:aws:iam::<account>:user/<name> or :role/<name>), never an account root (arn:aws:iam::<account>:root) or a wildcard."
  }
}

variable "auditor_principal_arns" {
  type        = list(string)
  description = "IAM users or roles trusted, with MFA, to assume the read-only role in addition to the admin principals. The read-only role exists only if the two lists together are non-empty."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.auditor_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "auditor_principal_arns must be IAM user or role ARNs (arn:aws:iam::<account>:user/<name> or :role/<name>)."
  }
}

variable "max_session_hours" {
  type        = number
  description = "Longest session, in hours, of every role (max_session_duration)."
  default     = 1
  nullable    = false

  validation {
    condition     = var.max_session_hours >= 1 && var.max_session_hours <= 12 && floor(var.max_session_hours) == var.max_session_hours
    error_message = "max_session_hours must be a whole number from 1 to 12 (IAM's limits); keep it at 1 for the admin role."
  }
}

variable "deploy_policy_arns" {
  type        = list(string)
  description = "Managed policies of the deploy role. The default PowerUserAccess covers every service but IAM; the module's inline policy adds IAM limited to lookcard-* roles and policies."
  default     = ["arn:aws:iam::aws:policy/PowerUserAccess"]
  nullable    = false

  validation {
    condition     = length(var.deploy_policy_arns) > 0 && alltrue([for a in var.deploy_policy_arns : can(regex("^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "deploy_policy_arns must hold at least one IAM policy ARN (arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<name>)."
  }

  validation {
    condition     = !anytrue([for a in var.deploy_policy_arns : can(regex(":policy/(AdministratorAccess|IAMFullAccess)$", a))])
    error_message = "deploy_policy_arns must not include AdministratorAccess or IAMFullAccess: CI would then be able to rewrite its own trust and the admin role."
  }
}

variable "assumable_role_arns" {
  type        = list(string)
  description = "Roles in other accounts that a plan assumes through a provider of its own (the DNS account's lookcard-dns-records for aws.dns). The plan role gets sts:AssumeRole on exactly these (ReadOnlyAccess has none); the deploy role has it through PowerUserAccess. Each role's own trust policy must trust the plan and deploy roles."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.assumable_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$", a))])
    error_message = "assumable_role_arns must be IAM role ARNs (arn:aws:iam::<account>:role/<name>), never an account root or a wildcard."
  }
}
