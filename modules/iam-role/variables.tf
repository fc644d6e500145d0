variable "name" {
  type        = string
  description = "Name of the role, lookcard-<env>-<component>. The deploy role may create and pass only roles named lookcard-*."
  nullable    = false

  validation {
    condition     = length(var.name) <= 64
    error_message = "IAM role names are at most 64 characters: shorten the name (or the name_prefix it is built from)."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]+$", var.name))
    error_message = "IAM role names may contain only letters, digits and + = , . @ _ -."
  }

  validation {
    condition     = startswith(var.name, "lookcard-")
    error_message = "The role name must start with lookcard- (lookcard-<env>-<component>): the deploy role may create and pass only lookcard-* roles."
  }
}

variable "description" {
  type        = string
  description = "What the role is for, in one sentence; shown in the IAM console and in CloudTrail reviews."
  nullable    = false

  validation {
    condition     = length(var.description) >= 1 && length(var.description) <= 1000
    error_message = "The role description must be 1 to 1000 characters."
  }

  # IAM accepts tab, newline and Latin-1 only: an em dash or an arrow fails at apply.
  validation {
    condition     = can(regex("^[\\t\\n\\r\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]*$", var.description))
    error_message = "The role description may contain only printable Latin-1 characters (IAM rejects, for example, an em dash or an arrow): use plain ASCII punctuation."
  }
}

variable "permissions_boundary_arn" {
  type        = string
  description = "Permissions boundary of the role: the account's lookcard-<account>-workload-boundary (bootstrap/, modules/access). The deploy role may create a role only with it. Required so that no caller forgets it; null only outside the pipeline (tests)."

  validation {
    condition     = var.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/lookcard-[a-z0-9-]+-workload-boundary$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be null or the ARN of a lookcard-<account>-workload-boundary policy (arn:aws:iam::<account>:policy/lookcard-<account>-workload-boundary)."
  }
}

variable "assume_role_policy" {
  type        = string
  description = "Trust policy as JSON (jsonencode or aws_iam_policy_document), used verbatim when trusted_services is empty; its statements come first when both are given. Prefer conditions on aws:SourceAccount / aws:SourceArn where the service sets them."
  default     = null

  validation {
    condition     = var.assume_role_policy == null || can(jsondecode(var.assume_role_policy).Statement)
    error_message = "assume_role_policy must be a JSON policy document with a Statement (use jsonencode({ Version = \"2012-10-17\", Statement = [...] }))."
  }
}

variable "trusted_services" {
  type        = list(string)
  description = "AWS service principals that may assume the role (e.g. [\"ecs-tasks.amazonaws.com\"]), as one statement TrustedServices; trusted_source_account adds the confused-deputy condition."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.trusted_services : can(regex("^[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com(\\.cn)?$", s))])
    error_message = "trusted_services must be AWS service principals such as ecs-tasks.amazonaws.com (lower case, ending in .amazonaws.com)."
  }
}

variable "trusted_source_account" {
  type        = string
  description = "Account that the trusted_services must act for (aws:SourceAccount), against the confused deputy. Null leaves the condition out: only for services that do not set aws:SourceAccount when they assume a role (ec2, for example)."
  default     = null

  validation {
    condition     = var.trusted_source_account == null || can(regex("^[0-9]{12}$", var.trusted_source_account))
    error_message = "trusted_source_account must be a 12-digit AWS account ID."
  }
}

variable "inline_policies" {
  type        = map(string)
  description = "Inline policies by name (name => JSON document; inline_policy_names gives another IAM name to a key). They are the role's only inline policies: aws_iam_role_policies_exclusive removes any other on apply."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for name in keys(var.inline_policies) : can(regex("^[A-Za-z0-9+=,.@_-]{1,128}$", name))])
    error_message = "Inline policy names are 1 to 128 letters, digits and + = , . @ _ -."
  }

  validation {
    condition     = alltrue([for policy in values(var.inline_policies) : can(jsondecode(policy).Statement)])
    error_message = "Every inline policy must be a JSON policy document with a Statement (use jsonencode or aws_iam_policy_document)."
  }

  # IAM's quota is on all inline policies of a role together (whitespace
  # excluded); jsonencode writes none. Unknown documents are checked at apply.
  validation {
    condition     = sum(concat([0], [for policy in values(var.inline_policies) : length(policy)])) <= 10240
    error_message = "The inline policies of one role may total at most 10,240 characters (IAM's quota): move statements to a managed policy or narrow them."
  }
}

variable "inline_policy_names" {
  type        = map(string)
  description = "IAM names of inline policies whose name differs from their key in inline_policies (key => name), typically a name built from name_prefix. The key stays the policy's address in state, so it must not vary by environment: moved blocks name it literally."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for name in values(var.inline_policy_names) : can(regex("^[A-Za-z0-9+=,.@_-]{1,128}$", name))])
    error_message = "Inline policy names are 1 to 128 letters, digits and + = , . @ _ -."
  }
}

variable "managed_policy_arns" {
  type        = map(string)
  description = "Managed policies attached to the role, by a stable label (label => policy ARN, e.g. { ssm-core = \"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore\" }). The label keys the attachment in state, so the ARN may be known only at apply time (a partition or policy computed in the same plan). They are the role's only attachments: aws_iam_role_policy_attachments_exclusive detaches any other on apply."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for label in keys(var.managed_policy_arns) : can(regex("^[A-Za-z0-9_.-]{1,64}$", label))])
    error_message = "managed_policy_arns labels are 1 to 64 letters, digits and _ . - (a stable name for the attachment, such as ssm-core)."
  }

  validation {
    condition     = alltrue([for arn in values(var.managed_policy_arns) : can(regex("^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/[A-Za-z0-9+=,.@_/-]+$", arn))])
    error_message = "managed_policy_arns values must be IAM policy ARNs, such as arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup or arn:aws:iam::<account>:policy/<name>."
  }

  validation {
    condition     = length(distinct(values(var.managed_policy_arns))) == length(var.managed_policy_arns)
    error_message = "managed_policy_arns attaches a policy under two labels: list each policy once."
  }

  validation {
    condition     = length(var.managed_policy_arns) <= 10
    error_message = "A role can have at most 10 managed policies (IAM's default PoliciesPerRole quota; the 11th attachment fails with LimitExceeded): merge policies, or raise the account's quota (at most 20) and this limit together."
  }
}

variable "max_session_duration" {
  type        = number
  description = "Longest session, in seconds, that assuming the role gives. Null keeps IAM's default (3600)."
  default     = null

  validation {
    condition     = var.max_session_duration == null || try(var.max_session_duration >= 3600 && var.max_session_duration <= 43200 && floor(var.max_session_duration) == var.max_session_duration, false)
    error_message = "max_session_duration must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the role on top of the provider's default_tags (typically Name)."
  default     = {}
  nullable    = false
}
