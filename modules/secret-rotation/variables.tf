variable "secrets" {
  description = <<-EOT
    Secrets this function rotates, keyed by secret name as the secrets module
    keys them (app/jwt-signing-key): each secret's full ARN (with Secrets
    Manager's six-character suffix) and the KMS key ARN that encrypts it. Only
    secrets whose value the platform generates itself belong here. Empty: the
    module creates nothing.
  EOT
  type = map(object({
    arn         = string
    kms_key_arn = string
  }))
  nullable = false

  validation {
    condition     = alltrue([for k in keys(var.secrets) : length(k) <= 64 && can(regex("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$", k))])
    error_message = "secrets keys must be secret names of at most 64 lower-case letters, digits, dashes and '/' separators, such as app/jwt-signing-key."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$", s.arn))])
    error_message = "secrets[*].arn must be full Secrets Manager secret ARNs (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>), without wildcards."
  }

  validation {
    condition     = length(distinct([for s in values(var.secrets) : s.arn])) == length(var.secrets)
    error_message = "secrets must name each secret ARN once: two rotation configurations for one secret would overwrite each other."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", s.kms_key_arn))])
    error_message = "secrets[*].kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias: IAM grants on KMS keys need the key ARN."
  }
}

variable "rotation_days" {
  type        = number
  description = "Days between automatic rotations of every secret in secrets."
  nullable    = false

  validation {
    condition     = var.rotation_days >= 1 && var.rotation_days <= 365 && floor(var.rotation_days) == var.rotation_days
    error_message = "rotation_days must be a whole number of days from 1 to 365."
  }
}

variable "password" {
  type = object({
    length              = optional(number, 64)
    exclude_punctuation = optional(bool, true)
  })
  description = "Generated values: length in characters (GetRandomPassword, 32 to 4096; testSecret requires at least this length) and whether punctuation is left out (true keeps values safe in headers, URLs and shells)."
  default     = {}
  nullable    = false

  validation {
    condition     = var.password.length >= 32 && var.password.length <= 4096 && floor(var.password.length) == var.password.length
    error_message = "password.length must be a whole number from 32 to 4096."
  }
}

variable "network" {
  type = object({
    vpc_id                     = string
    subnet_ids                 = list(string)
    endpoint_security_group_id = string
  })
  description = "Where the function runs: the VPC, its private subnets, and the security group of the interface VPC endpoints (the function's only destination is the Secrets Manager endpoint, on 443)."
  nullable    = false

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.network.vpc_id))
    error_message = "network.vpc_id must be a VPC ID (vpc-...)."
  }

  validation {
    condition     = length(var.network.subnet_ids) >= 1 && length(var.network.subnet_ids) <= 16 && alltrue([for s in var.network.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "network.subnet_ids must hold 1 to 16 subnet IDs (subnet-...): the private subnets of the VPC (Lambda accepts at most 16)."
  }

  validation {
    condition     = can(regex("^sg-[0-9a-f]{8,17}$", var.network.endpoint_security_group_id))
    error_message = "network.endpoint_security_group_id must be a security group ID (sg-...): the interface VPC endpoints' security group."
  }
}

variable "environment_kms_key_arn" {
  type        = string
  description = "KMS key that encrypts the function's environment variables at rest (the root passes the secrets key)."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.environment_kms_key_arn))
    error_message = "environment_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "runtime" {
  type        = string
  description = "Lambda Python runtime of the function (the code needs the standard library and the runtime's boto3 only)."
  default     = "python3.13"
  nullable    = false

  validation {
    condition     = contains(["python3.12", "python3.13", "python3.14"], var.runtime)
    error_message = "runtime must be a supported Lambda Python runtime: python3.12, python3.13 or python3.14."
  }
}

variable "architecture" {
  type        = string
  description = "Instruction set of the function (arm64 costs less; the code is pure Python)."
  default     = "arm64"
  nullable    = false

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "timeout" {
  type        = number
  description = "Seconds one rotation step may run."
  default     = 30
  nullable    = false

  validation {
    condition     = var.timeout >= 3 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 3 to 900 (Lambda's maximum)."
  }
}

variable "memory_size" {
  type        = number
  description = "Memory of the function in MiB."
  default     = 128
  nullable    = false

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MiB from 128 to 10240."
  }
}

variable "reserved_concurrent_executions" {
  type        = number
  description = "Concurrency reserved for (and capping) the function; rotation steps run one at a time per secret. null (the default) reserves none: Lambda refuses any reservation that leaves the account fewer than 10 unreserved executions, and a new account's quota is 10. Set a reservation only where account_concurrency_quota leaves room for it; 0 would disable the function and is refused."
  default     = null

  validation {
    condition     = var.reserved_concurrent_executions == null ? true : (var.reserved_concurrent_executions >= 1 && var.reserved_concurrent_executions <= 1000 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions)
    error_message = "reserved_concurrent_executions must be null (no reservation) or a whole number from 1 to 1000 (0 would stop every rotation)."
  }
}

variable "account_concurrency_quota" {
  type        = number
  description = "The account's Lambda concurrent executions quota in this region (Service Quotas L-B99A9384): 10 in a new account until raised, 1000 by default in an established one. A reservation must leave at least 10 unreserved executions (Lambda's rule), so reserved_concurrent_executions may be at most this minus 10."
  default     = 10
  nullable    = false

  validation {
    condition     = var.account_concurrency_quota >= 10 && floor(var.account_concurrency_quota) == var.account_concurrency_quota
    error_message = "account_concurrency_quota must be a whole number of at least 10 (the smallest quota Lambda gives an account)."
  }
}

