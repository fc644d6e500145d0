variable "service_name" {
  type        = string
  description = "Catalog name of the service; the App Runner service is <name_prefix>-<service_name>."
  default     = "web-app"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,19}[a-z0-9]$", var.service_name))
    error_message = "service_name must be 3-21 lower-case letters, digits and dashes, starting with a letter (e.g. web-app)."
  }
}

variable "image" {
  type = object({
    repository_url = string
    tag            = string
  })
  description = "Image to run: a private ECR repository URL (no tag) and an immutable tag (commit SHA or release)."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9._/-]+$", var.image.repository_url))
    error_message = "image.repository_url must be a private ECR repository URL without a tag, e.g. 123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/lookcard-production/web-app."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,128}$", var.image.tag))
    error_message = "image.tag must be 1-128 letters, digits, underscores, dots and dashes (a Docker tag, e.g. the commit SHA)."
  }
}

variable "port" {
  type        = number
  description = "Port the container listens on."
  default     = 3000
  nullable    = false

  validation {
    condition     = var.port >= 1 && var.port <= 65535 && floor(var.port) == var.port
    error_message = "port must be a TCP port (1-65535)."
  }
}

variable "health_check_path" {
  type        = string
  description = "HTTP path App Runner probes for health."
  default     = "/api/health"
  nullable    = false

  validation {
    condition     = can(regex("^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$", var.health_check_path))
    error_message = "health_check_path must be an absolute URL path starting with / (e.g. /api/health)."
  }
}

variable "size" {
  type = object({
    cpu    = string
    memory = string
  })
  description = <<-EOT
    Instance size: cpu in App Runner vCPU units (256, 512, 1024, 2048, 4096)
    and memory in MB, as a pair App Runner supports: 256 → 512|1024;
    512 → 1024; 1024 → 2048|3072|4096; 2048 → 4096|6144; 4096 → 8192|10240|12288.
  EOT
  nullable    = false

  validation {
    condition     = contains(["256", "512", "1024", "2048", "4096"], var.size.cpu)
    error_message = "size.cpu must be one of \"256\", \"512\", \"1024\", \"2048\", \"4096\" (0.25 to 4 vCPU)."
  }

  validation {
    condition = contains(lookup({
      "256"  = ["512", "1024"]
      "512"  = ["1024"]
      "1024" = ["2048", "3072", "4096"]
      "2048" = ["4096", "6144"]
      "4096" = ["8192", "10240", "12288"]
    }, var.size.cpu, []), var.size.memory)
    error_message = "size.memory must suit size.cpu: 256 → 512 or 1024; 512 → 1024; 1024 → 2048, 3072 or 4096; 2048 → 4096 or 6144; 4096 → 8192, 10240 or 12288 (MB)."
  }
}

variable "scaling" {
  type = object({
    min_size        = number
    max_size        = number
    max_concurrency = optional(number, 100)
  })
  description = "Auto scaling: min_size to max_size instances (1 <= min <= max <= 25), a new instance past max_concurrency concurrent requests per instance (1-200)."
  nullable    = false

  validation {
    condition = (
      var.scaling.min_size >= 1 && var.scaling.min_size <= var.scaling.max_size && var.scaling.max_size <= 25 &&
      floor(var.scaling.min_size) == var.scaling.min_size && floor(var.scaling.max_size) == var.scaling.max_size
    )
    error_message = "scaling must have whole numbers with 1 <= min_size <= max_size <= 25."
  }

  validation {
    condition     = var.scaling.max_concurrency >= 1 && var.scaling.max_concurrency <= 200 && floor(var.scaling.max_concurrency) == var.scaling.max_concurrency
    error_message = "scaling.max_concurrency must be a whole number from 1 to 200 (App Runner's limits)."
  }
}

variable "vpc_connector" {
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  description = "VPC connector through which all outbound traffic leaves: private subnets (one per AZ) and the service's security groups."
  nullable    = false

  validation {
    condition     = length(var.vpc_connector.subnet_ids) > 0 && alltrue([for s in var.vpc_connector.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "vpc_connector.subnet_ids must hold at least one subnet ID (subnet-...); use the private application subnets."
  }

  validation {
    condition     = length(var.vpc_connector.security_group_ids) >= 1 && length(var.vpc_connector.security_group_ids) <= 5 && alltrue([for s in var.vpc_connector.security_group_ids : can(regex("^sg-[0-9a-f]+$", s))])
    error_message = "vpc_connector.security_group_ids must hold 1 to 5 security group IDs (sg-...)."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key ARN (not an alias; App Runner accepts key ARNs only) that encrypts the service's copy of the image and its logs."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN, arn:aws:kms:<region>:<account>:key/<uuid>; App Runner rejects aliases."
  }
}

variable "environment_variables" {
  type        = map(string)
  description = "Plain runtime environment variables. Nothing secret: a name that looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY) is rejected; put such values in secrets."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.environment_variables) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k)) && !startswith(upper(k), "AWSAPPRUNNER")])
    error_message = "environment_variables names must be letters, digits and underscores, not starting with a digit or AWSAPPRUNNER (reserved)."
  }

  validation {
    condition     = alltrue([for k in keys(var.environment_variables) : !can(regex("(?i)(PASSWORD|SECRET|TOKEN|API_KEY)", k))])
    error_message = "environment_variables must not carry secrets: move ${join(", ", [for k in keys(var.environment_variables) : k if can(regex("(?i)(PASSWORD|SECRET|TOKEN|API_KEY)", k))])} to secrets (a Secrets Manager ARN)."
  }
}

variable "secrets" {
  type        = map(string)
  description = "Secret runtime environment variables: name → Secrets Manager secret ARN (the full ARN, optionally with :<json-key>:<version-stage>:<version-id>). The instance role may read exactly these secrets."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.secrets) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k)) && !startswith(upper(k), "AWSAPPRUNNER")])
    error_message = "secrets names must be letters, digits and underscores, not starting with a digit or AWSAPPRUNNER (reserved)."
  }

  validation {
    condition     = alltrue([for v in values(var.secrets) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}(:[^:]*:[^:]*:[^:]*)?$", v))])
    error_message = "secrets values must be full Secrets Manager secret ARNs (…:secret:<name>-<6 characters>, optionally followed by :<json-key>:<version-stage>:<version-id>), such as the secrets module's arns output."
  }
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "KMS key ARN that encrypts the secrets; the instance role may decrypt with it through Secrets Manager only. Required when secrets is not empty."
  default     = null

  validation {
    condition     = var.secrets_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:key/(mrk-)?[0-9a-f-]+$", coalesce(var.secrets_kms_key_arn, "-")))
    error_message = "secrets_kms_key_arn must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

