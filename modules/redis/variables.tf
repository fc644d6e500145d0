variable "subnet_group_name" {
  type        = string
  description = "ElastiCache subnet group (private subnets) of the replication group."
  nullable    = false

  validation {
    condition     = length(trimspace(var.subnet_group_name)) > 0
    error_message = "subnet_group_name must name an existing ElastiCache subnet group."
  }
}

variable "security_group_id" {
  type        = string
  description = "Security group of the replication group (admits the services that declare Redis)."
  nullable    = false

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.security_group_id))
    error_message = "security_group_id must be a security group ID (sg-...)."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "ARN of the data key that encrypts the nodes, their disks and the snapshots."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "logs_kms_key_arn" {
  type        = string
  description = "ARN of the logs key that encrypts the slow-log and engine-log log groups."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", var.logs_kms_key_arn))
    error_message = "logs_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Retention of the slow-log and engine-log log groups (365 keeps a year, as PCI DSS 10.5.1 asks)."
  default     = 365
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "redis" {
  description = <<-EOT
    Replication group settings; the defaults fit a small non-production
    environment, the root passes the per-environment values from tfvars.
    replicas: read replicas, one per AZ after the primary's. multi_az needs
    at least one replica. snapshot_retention_days: 0 keeps no snapshots.
    Windows are UTC (18:00 UTC is 02:00 in Singapore).
  EOT
  type = object({
    node_type               = optional(string, "cache.t4g.micro")
    engine_version          = optional(string, "7.1")
    replicas                = optional(number, 0)
    multi_az                = optional(bool, false)
    snapshot_retention_days = optional(number, 0)
    maintenance_window      = optional(string, "sun:20:00-sun:21:00")
    snapshot_window         = optional(string, "18:00-19:00")
  })
  default  = {}
  nullable = false

  validation {
    condition     = can(regex("^cache\\.(t4g|t3|m6g|m7g|r6g|r7g|m5|r5)\\.(micro|small|medium|large|[0-9]*xlarge)$", var.redis.node_type))
    error_message = "redis.node_type must be a node of a known Redis family: cache.t4g, cache.t3, cache.m6g, cache.m7g, cache.r6g, cache.r7g, cache.m5 or cache.r5, followed by a size (micro, small, medium, large, xlarge, 2xlarge, ...), such as cache.t4g.micro (got \"${var.redis.node_type}\")."
  }

  validation {
    condition     = can(regex("^7\\.[0-9]+$", var.redis.engine_version))
    error_message = "redis.engine_version must be a Redis 7 version such as \"7.1\": IAM authentication needs 7 and the parameter group family is redis7."
  }

  validation {
    condition     = contains([0, 1, 2, 3, 4, 5], var.redis.replicas)
    error_message = "redis.replicas must be a whole number from 0 to 5 (ElastiCache's limit per shard)."
  }

  validation {
    condition     = !var.redis.multi_az || var.redis.replicas >= 1
    error_message = "redis.multi_az needs at least one replica to fail over to: set redis.replicas >= 1 or multi_az = false."
  }

  validation {
    condition     = var.redis.snapshot_retention_days >= 0 && var.redis.snapshot_retention_days <= 35 && floor(var.redis.snapshot_retention_days) == var.redis.snapshot_retention_days
    error_message = "redis.snapshot_retention_days must be a whole number of days from 0 (no snapshots) to 35."
  }

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.redis.maintenance_window))
    error_message = "redis.maintenance_window must be ddd:hh24:mi-ddd:hh24:mi in UTC, such as sun:20:00-sun:21:00."
  }

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.redis.snapshot_window))
    error_message = "redis.snapshot_window must be hh24:mi-hh24:mi in UTC, such as 18:00-19:00."
  }
}
