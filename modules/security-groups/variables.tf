variable "vpc_id" {
  type        = string
  description = "VPC the security groups belong to."
  nullable    = false
}

variable "services" {
  description = "ECS services from the catalog module (ecs_services output): what each listens on, who calls it, what it depends on."
  type = map(object({
    port     = optional(number)
    exposure = string
    callers  = list(string)
    database = bool
    redis    = bool
  }))
  nullable = false

  validation {
    condition     = alltrue(flatten([for n, s in var.services : [for c in s.callers : s.port != null]]))
    error_message = "A service with callers must listen on a port: ${join(", ", [for n, s in var.services : n if length(s.callers) > 0 && s.port == null])}."
  }
}

variable "bastion" {
  description = "The bastion host, admitted to Aurora on 5432 when enabled. enabled is separate from the ID because the ID is unknown until apply, while the set of rules must be known at plan time."
  type = object({
    enabled           = bool
    security_group_id = optional(string)
  })
  default  = { enabled = false }
  nullable = false
}

variable "database_port" {
  type        = number
  description = "PostgreSQL port of Aurora and RDS Proxy."
  default     = 5432
  nullable    = false

  validation {
    condition     = var.database_port > 0 && var.database_port < 65536
    error_message = "database_port must be a TCP port (1-65535)."
  }
}

variable "redis_port" {
  type        = number
  description = "Redis port."
  default     = 6379
  nullable    = false

  validation {
    condition     = var.redis_port > 0 && var.redis_port < 65536
    error_message = "redis_port must be a TCP port (1-65535)."
  }
}
