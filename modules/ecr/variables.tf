variable "repositories" {
  type        = set(string)
  description = "Services that get a repository, by catalog name (e.g. card-api); one repository <name_prefix>/<service> each."
  nullable    = false

  validation {
    condition     = alltrue([for r in var.repositories : can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", r))])
    error_message = "repositories must be service names that are DNS labels: lower-case letters, digits and dashes, 1-63 characters, starting and ending with a letter or digit (e.g. card-api)."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key ARN (not an alias) that encrypts every repository. ECR stores the key ARN and cannot change it later, so an alias would make every plan replace the repositories."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:key/(mrk-)?[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias ARN."
  }
}

variable "lifecycle_policy" {
  type = object({
    keep_release_images  = optional(number, 30)
    untagged_expiry_days = optional(number, 7)
  })
  description = "Image lifecycle of every repository: keep the last keep_release_images tagged images (1-1000) and expire untagged images untagged_expiry_days after push (1-365). (Named lifecycle_policy because lifecycle is reserved for module variables.)"
  default     = {}
  nullable    = false

  validation {
    condition     = var.lifecycle_policy.keep_release_images >= 1 && var.lifecycle_policy.keep_release_images <= 1000 && floor(var.lifecycle_policy.keep_release_images) == var.lifecycle_policy.keep_release_images
    error_message = "lifecycle_policy.keep_release_images must be a whole number from 1 to 1000: keep at least the image that is running."
  }

  validation {
    condition     = var.lifecycle_policy.untagged_expiry_days >= 1 && var.lifecycle_policy.untagged_expiry_days <= 365 && floor(var.lifecycle_policy.untagged_expiry_days) == var.lifecycle_policy.untagged_expiry_days
    error_message = "lifecycle_policy.untagged_expiry_days must be a whole number from 1 to 365."
  }
}

variable "pull_principal_arns" {
  type        = list(string)
  description = "IAM roles that may pull from every repository (ECS task execution roles, the App Runner access role, CI). Empty: no repository policy. Otherwise the policy allows these roles to pull and denies image pulls to every other IAM principal."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.pull_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "pull_principal_arns must be IAM role ARNs without wildcards (arn:aws:iam::<account>:role/<name>)."
  }
}
