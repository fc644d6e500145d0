variable "db_subnet_group_name" {
  type        = string
  description = "DB subnet group (private database subnets) of the cluster and its instances."
  nullable    = false

  validation {
    condition     = length(trimspace(var.db_subnet_group_name)) > 0
    error_message = "db_subnet_group_name must name an existing DB subnet group."
  }
}

variable "proxy_subnet_ids" {
  type        = list(string)
  description = "Private subnets of RDS Proxy and its read-only endpoint (at least two, in different AZs)."
  nullable    = false

  validation {
    condition     = length(var.proxy_subnet_ids) >= 2 && alltrue([for s in var.proxy_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "proxy_subnet_ids must hold at least two subnet IDs (subnet-...) in different AZs: RDS Proxy needs two."
  }
}

variable "security_group_ids" {
  type = object({
    cluster = string
    proxy   = string
  })
  description = "Security groups: cluster (Aurora, admits only the proxy, the bastion and migrations) and proxy (RDS Proxy, admits the services that declare a database)."
  nullable    = false

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.security_group_ids.cluster)) && can(regex("^sg-[0-9a-f]+$", var.security_group_ids.proxy))
    error_message = "security_group_ids.cluster and security_group_ids.proxy must be security group IDs (sg-...)."
  }
}

variable "kms_key_arns" {
  type = object({
    data    = string
    secrets = string
  })
  description = "KMS key ARNs: data encrypts storage, snapshots and Performance Insights; secrets encrypts the RDS-managed master user secret."
  nullable    = false

  validation {
    condition     = alltrue([for k in [var.kms_key_arns.data, var.kms_key_arns.secrets] : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", k))])
    error_message = "kms_key_arns.data and kms_key_arns.secrets must be KMS key ARNs (arn:aws:kms:<region>:<account>:key/<id>), not aliases: IAM policies need the key ARN."
  }
}

variable "cluster" {
  description = <<-EOT
    Cluster settings; every field has a default fit for a small non-production
    environment, the root passes the per-environment values from tfvars.
    engine_version is the major version ("16") while
    auto_minor_version_upgrade is on (the default): AWS picks the default
    minor at creation and upgrades it in the maintenance window, and the
    major-only value never asks Terraform to undo an upgrade. A minor pin
    ("16.8", e.g. a long-term-support minor) needs
    auto_minor_version_upgrade = false.
    Capacity is in Aurora capacity units (ACU, 0.5 steps). reader_count adds
    readers in the next AZs. performance_insights_retention_days: 7, 31 x n
    (n = 1..23) or 731. Windows are UTC (18:00 UTC is 02:00 in Singapore).
    log_min_duration_ms logs statements slower than that (-1 turns it off).
    proxy: RDS Proxy connection pool (percent of max_connections, seconds).
  EOT
  type = object({
    engine_version                      = optional(string, "16")
    auto_minor_version_upgrade          = optional(bool, true)
    min_capacity                        = optional(number, 0.5)
    max_capacity                        = optional(number, 8)
    reader_count                        = optional(number, 0)
    backup_retention_days               = optional(number, 7)
    deletion_protection                 = optional(bool, false)
    skip_final_snapshot                 = optional(bool, true)
    performance_insights_retention_days = optional(number, 7)
    monitoring_interval                 = optional(number, 60)
    database_name                       = optional(string, "lookcard")
    preferred_backup_window             = optional(string, "18:00-19:00")
    preferred_maintenance_window        = optional(string, "sun:19:00-sun:20:00")
    log_min_duration_ms                 = optional(number, 500)
    seconds_until_auto_pause            = optional(number, 3600)
    reader_promotion_tiers              = optional(list(number), [])
    proxy = optional(object({
      enabled                      = optional(bool, true)
      max_connections_percent      = optional(number, 90)
      max_idle_connections_percent = optional(number, 50)
      connection_borrow_timeout    = optional(number, 120)
      idle_client_timeout          = optional(number, 1800)
    }), {})
  })
  default  = {}
  nullable = false

  validation {
    condition     = can(regex("^16(\\.[0-9]{1,2})?$", var.cluster.engine_version))
    error_message = "cluster.engine_version must be Aurora PostgreSQL 16: the major version \"16\", or a minor such as \"16.8\" with auto_minor_version_upgrade = false (the parameter group family is aurora-postgresql16; a major upgrade is a module change)."
  }

  validation {
    condition     = !var.cluster.auto_minor_version_upgrade || can(regex("^[0-9]+$", var.cluster.engine_version))
    error_message = "cluster.engine_version \"${var.cluster.engine_version}\" pins a minor version while auto_minor_version_upgrade is on: after AWS's first automatic upgrade every apply would try to downgrade (and fail). Give the major version only (\"16\"), or set auto_minor_version_upgrade = false to stay on a long-term-support minor."
  }

  validation {
    condition     = (var.cluster.min_capacity >= 0.5 || var.cluster.min_capacity == 0) && var.cluster.min_capacity <= var.cluster.max_capacity
    error_message = "cluster.min_capacity must be 0 (auto-pause) or at least 0.5 ACU, and not above cluster.max_capacity (got ${var.cluster.min_capacity} and ${var.cluster.max_capacity})."
  }

  validation {
    condition     = var.cluster.min_capacity > 0 || !var.cluster.proxy.enabled
    error_message = "cluster.min_capacity 0 (auto-pause) needs cluster.proxy.enabled = false: RDS Proxy holds connections open, so the writer would never pause while paying the proxy's 8-ACU minimum."
  }

  validation {
    condition     = var.cluster.seconds_until_auto_pause >= 300 && var.cluster.seconds_until_auto_pause <= 86400 && floor(var.cluster.seconds_until_auto_pause) == var.cluster.seconds_until_auto_pause
    error_message = "cluster.seconds_until_auto_pause must be whole seconds from 300 to 86400 (Aurora's limits)."
  }

  validation {
    condition     = length(var.cluster.reader_promotion_tiers) == 0 || (length(var.cluster.reader_promotion_tiers) == var.cluster.reader_count && alltrue([for t in var.cluster.reader_promotion_tiers : t >= 0 && t <= 15 && floor(t) == t]))
    error_message = "cluster.reader_promotion_tiers must be empty (every reader in tier 1) or give one tier from 0 to 15 per reader (reader_count). Tiers 0-1 scale with the writer; 2+ scale with their own load."
  }

  validation {
    condition     = var.cluster.max_capacity <= 256
    error_message = "cluster.max_capacity must be at most 256 ACU, the Aurora Serverless v2 maximum (got ${var.cluster.max_capacity})."
  }

  validation {
    condition     = floor(var.cluster.min_capacity * 2) == var.cluster.min_capacity * 2 && floor(var.cluster.max_capacity * 2) == var.cluster.max_capacity * 2
    error_message = "cluster.min_capacity and cluster.max_capacity must be in 0.5 ACU steps (0.5, 1, 1.5, ...)."
  }

  validation {
    condition     = var.cluster.backup_retention_days >= 1 && var.cluster.backup_retention_days <= 35 && floor(var.cluster.backup_retention_days) == var.cluster.backup_retention_days
    error_message = "cluster.backup_retention_days must be a whole number of days from 1 to 35 (Aurora's limits; backups cannot be turned off)."
  }

  validation {
    condition     = contains([0, 1, 2], var.cluster.reader_count)
    error_message = "cluster.reader_count must be 0, 1 or 2 (one reader per AZ besides the writer's)."
  }

  validation {
    condition = (
      var.cluster.performance_insights_retention_days == 7 ||
      var.cluster.performance_insights_retention_days == 731 ||
      contains([for n in range(1, 24) : n * 31], var.cluster.performance_insights_retention_days)
    )
    error_message = "cluster.performance_insights_retention_days must be 7, a whole number of months as 31 x n (31, 62, ... 713) or 731 (AWS's allowed values)."
  }

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.cluster.monitoring_interval)
    error_message = "cluster.monitoring_interval must be one of 0, 1, 5, 10, 15, 30, 60 seconds (0 turns Enhanced Monitoring off)."
  }

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.cluster.database_name))
    error_message = "cluster.database_name must start with a lower-case letter and hold only lower-case letters, digits and underscores (at most 63)."
  }

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.cluster.preferred_backup_window))
    error_message = "cluster.preferred_backup_window must be hh24:mi-hh24:mi in UTC, such as 18:00-19:00."
  }

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.cluster.preferred_maintenance_window))
    error_message = "cluster.preferred_maintenance_window must be ddd:hh24:mi-ddd:hh24:mi in UTC, such as sun:19:00-sun:20:00."
  }

  validation {
    condition     = var.cluster.log_min_duration_ms >= -1 && floor(var.cluster.log_min_duration_ms) == var.cluster.log_min_duration_ms
    error_message = "cluster.log_min_duration_ms must be a whole number of milliseconds, or -1 to turn slow-statement logging off."
  }

  validation {
    condition = (
      var.cluster.proxy.max_connections_percent >= 1 && var.cluster.proxy.max_connections_percent <= 100 &&
      var.cluster.proxy.max_idle_connections_percent >= 0 && var.cluster.proxy.max_idle_connections_percent <= var.cluster.proxy.max_connections_percent
    )
    error_message = "cluster.proxy.max_connections_percent must be 1-100 and cluster.proxy.max_idle_connections_percent 0 to max_connections_percent."
  }

  validation {
    condition = (
      var.cluster.proxy.connection_borrow_timeout >= 0 && var.cluster.proxy.connection_borrow_timeout <= 3600 &&
      var.cluster.proxy.idle_client_timeout >= 1 && var.cluster.proxy.idle_client_timeout <= 28800
    )
    error_message = "cluster.proxy.connection_borrow_timeout must be 0-3600 seconds and cluster.proxy.idle_client_timeout 1-28800 seconds (RDS Proxy's limits)."
  }
}

