variable "account_name" {
  type        = string
  description = "Account being bootstrapped: develop, testing, staging, production, sandbox or shared. Names the state bucket and tags every resource."
  nullable    = false

  validation {
    condition     = can(regex("^(develop|testing|staging|production|sandbox|shared)$", var.account_name))
    error_message = "account_name must be one of develop, testing, staging, production, sandbox, shared (the full name: \"production\", not \"prod\")."
  }
}

variable "region" {
  type        = string
  description = "Region of the state bucket, lock table and key; must match the region the S3 backend is configured with."
  default     = "ap-southeast-1"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-southeast-1."
  }
}

variable "git_commit_hash" {
  type        = string
  description = "Commit the bootstrap was applied from; tags every resource."
  default     = "uncommitted"
  nullable    = false

  validation {
    condition     = can(regex("^([0-9a-f]{7,40}|uncommitted)$", var.git_commit_hash))
    error_message = "git_commit_hash must be a 7-40 character lower-case hex commit hash (or \"uncommitted\")."
  }
}

variable "state_bucket_name" {
  type        = string
  description = "Name of the state bucket; null means lookcard-terraform-state-<account_name> (what `lookcard init` expects). Override only if that global name is taken, and then set LOOKCARD_STATE_BUCKET to match."
  default     = null

  validation {
    # No dots: a dotted name breaks TLS on virtual-hosted-style S3 endpoints.
    condition     = var.state_bucket_name == null || can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be null or a 3-63 character S3 bucket name of lower-case letters, digits and dashes (no dots), starting and ending with a letter or digit."
  }
}

variable "lock_table_name" {
  type        = string
  description = "Name of the DynamoDB state lock table (`lookcard init` expects lookcard-terraform-locks)."
  default     = "lookcard-terraform-locks"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.lock_table_name))
    error_message = "lock_table_name must be a DynamoDB table name: 3-255 letters, digits, '_', '-' or '.'."
  }
}

variable "noncurrent_version_retention_days" {
  type        = number
  description = "Days a superseded state version is kept before it expires (the history to roll back to)."
  default     = 90
  nullable    = false

  validation {
    condition     = var.noncurrent_version_retention_days >= 30 && var.noncurrent_version_retention_days <= 3650 && floor(var.noncurrent_version_retention_days) == var.noncurrent_version_retention_days
    error_message = "noncurrent_version_retention_days must be a whole number from 30 to 3650: shorter loses the state history needed to recover from a bad apply."
  }
}

variable "admin_role_arns" {
  type        = list(string)
  description = "Prerequisites: roles of this account, other than the admin role created here (always a key administrator when it exists), that administer (but cannot use) the state key. Each must already exist: it is looked up at plan time, because KMS refuses a key policy naming a principal that does not exist. The account root keeps full access so the key can never become unmanageable."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.admin_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$", a))])
    error_message = "admin_role_arns must be IAM role ARNs (arn:aws:iam::<account>:role/<name>): not an account root, user or wildcard, and names of letters, digits and +=,.@_- only."
  }

  validation {
    condition     = !anytrue([for a in var.admin_role_arns : can(regex(":role/(.*/)?lookcard-[a-z0-9-]+-(deploy|plan)$", a))])
    error_message = "admin_role_arns must not name a CI role (lookcard-<env>-deploy or -plan): CI must never administer the key that protects its own state."
  }
}

variable "account_id" {
  type        = string
  description = "Expected AWS account ID. When set, the provider refuses credentials of any other account (allowed_account_ids), so a bucket named for production cannot be created in another account by mistake."
  default     = null

  validation {
    condition     = var.account_id == null || can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be null or a 12-digit AWS account ID."
  }
}

variable "github_repository" {
  type        = string
  description = "GitHub repository (owner/name) whose Actions may assume this account's plan and deploy roles."
  default     = "lookcard/infrastructure"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "dns_role_arn" {
  type        = string
  description = "Role in the DNS account that the main root's aws.dns provider assumes (arn:aws:iam::<dns account>:role/lookcard-dns-records). The plan role is allowed to assume it (ReadOnlyAccess alone cannot); that role's own trust, in the DNS account, must trust this account's plan, deploy and admin roles. Null: no plan job can configure aws.dns."
  default     = null

  validation {
    condition     = var.dns_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$", var.dns_role_arn))
    error_message = "dns_role_arn must be null or an IAM role ARN (arn:aws:iam::<dns account>:role/lookcard-dns-records)."
  }
}

variable "admin_principal_arns" {
  type        = list(string)
  description = "Identity-account principals trusted (with MFA) to assume the admin role: IAM users or roles, never an account root."
  default     = []
  nullable    = false

  # An account root (arn:aws:iam::<id>:root or a bare account ID) in a trust
  # policy delegates to every principal of that account its admins allow.
  validation {
    condition     = alltrue([for a in var.admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "admin_principal_arns must be IAM user or role ARNs (arn:aws:iam::<account>:role/<name>), never an account root (arn:aws:iam::<account>:root), a bare account ID or a wildcard: ${join(", ", [for a in var.admin_principal_arns : a if !can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])}."
  }
}

variable "auditor_principal_arns" {
  type        = list(string)
  description = "Principals trusted (with MFA) to assume the read-only auditor role: IAM users or roles, never an account root."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.auditor_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "auditor_principal_arns must be IAM user or role ARNs (arn:aws:iam::<account>:role/<name>), never an account root (arn:aws:iam::<account>:root), a bare account ID or a wildcard: ${join(", ", [for a in var.auditor_principal_arns : a if !can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])}."
  }
}
