variable "preview" {
  type        = string
  description = "Slug of a sandbox preview branch (empty for the five environments); keeps two previews' names apart."
  default     = ""
  nullable    = false

  validation {
    condition     = can(regex("^([a-z][a-z0-9-]{0,9}[a-z0-9])?$", var.preview))
    error_message = "preview must be empty or a slug of 2-11 lower-case letters, digits and dashes starting with a letter (lookcard derives it from the branch)."
  }
}

variable "git_branch" {
  type        = string
  description = "Git branch the plan was made from (recorded, not used for logic)."
  default     = "unknown"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]{1,200}$", var.git_branch))
    error_message = "git_branch may hold letters, digits, '.', '_', '/' and '-' only."
  }
}

variable "git_commit_hash" {
  type        = string
  description = "Commit the plan was made from: tags every resource and is the default image tag."
  default     = "uncommitted"
  nullable    = false

  validation {
    condition     = can(regex("^([0-9a-f]{7,40}|uncommitted)$", var.git_commit_hash))
    error_message = "git_commit_hash must be a 7-40 character lower-case hex commit hash (or \"uncommitted\")."
  }
}

variable "aws_region" {
  type        = string
  description = "Primary region."
  default     = "ap-southeast-1"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region name such as ap-southeast-1."
  }
}

variable "aws_account_id" {
  type        = string
  description = "Application account of this environment; the provider refuses any other (allowed_account_ids)."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be a 12-digit AWS account ID."
  }
}

variable "dns_account_id" {
  type        = string
  description = "Separate AWS account holding the public Route 53 zone."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.dns_account_id))
    error_message = "dns_account_id must be a 12-digit AWS account ID."
  }
}

variable "deploy_role_name" {
  type        = string
  description = "The role every change in the application account is made as: bootstrap/'s lookcard-<env>-deploy. CI is already this role (OIDC); people's credentials (the admin role) assume it when assume_deploy_role is true."
  default     = null

  validation {
    condition     = var.deploy_role_name == null || can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.deploy_role_name))
    error_message = "deploy_role_name must be a valid IAM role name (1-64 characters of letters, digits and +=,.@_-), such as lookcard-develop-deploy."
  }
}

variable "assume_deploy_role" {
  type        = bool
  description = "Whether the application account's providers assume deploy_role_name. True for people (admin role -> deploy role). CI sets TF_VAR_assume_deploy_role=false: its OIDC session already is the deploy (or plan) role, and a role cannot assume itself. Never set in a tfvars file, which would override the environment."
  default     = true
  nullable    = false
}

variable "dns_role_name" {
  type        = string
  description = "Role assumed in the DNS account to write records."
  default     = "lookcard-dns-records"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.dns_role_name))
    error_message = "dns_role_name must be a valid IAM role name (1-64 characters of letters, digits and +=,.@_-)."
  }
}

variable "domain_name" {
  type        = string
  description = "Public apex domain; environments other than production live under <env>.<domain_name>."
  default     = "lookcard.com"
  nullable    = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name such as lookcard.com."
  }
}

variable "data_classification" {
  type        = string
  description = "Default DataClassification tag; modules holding cardholder or wallet data tag their resources restricted."
  default     = "confidential"
  nullable    = false

  validation {
    condition     = contains(["public", "internal", "confidential", "restricted"], var.data_classification)
    error_message = "data_classification must be public, internal, confidential or restricted."
  }
}

variable "kms" {
  description = "KMS settings: deletion window (30 days in production) and the roles that administer keys, by name, in the application account: bootstrap/'s lookcard-<env>-admin and lookcard-<env>-deploy (the role that applies must stay able to update the key policies it writes). Each must exist before the first apply; modules/kms looks them up at plan time."
  type = object({
    deletion_window_in_days  = optional(number, 30)
    administrator_role_names = optional(list(string), [])
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.kms.deletion_window_in_days >= 7 && var.kms.deletion_window_in_days <= 30
    error_message = "kms.deletion_window_in_days must be from 7 to 30."
  }

  validation {
    condition     = alltrue([for r in var.kms.administrator_role_names : can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", r)) && lower(r) != "root"])
    error_message = "kms.administrator_role_names must be IAM role names (1-64 letters, digits and +=,.@_-), not ARNs and not the account root: the roles bootstrap/ creates, lookcard-<env>-admin and lookcard-<env>-deploy."
  }
}

variable "network" {
  description = "Address plan (the product description's, the same in every account) and what differs per environment: NAT gateways, interface endpoints and their AZ spread."
  type = object({
    cidr               = optional(string, "10.0.0.0/16")
    availability_zones = optional(list(string), ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"])
    public_subnets     = optional(list(string), ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"])
    private_subnets    = optional(list(string), ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"])
    database_subnets   = optional(list(string), ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"])
    isolated_subnets   = optional(list(string), ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"])
    nat_gateway_count  = optional(number, 1)
    # No ec2messages: SSM Agent 3.3.40.0 and later (the bastion's AL2023 image,
    # ECS Exec) talk to ssmmessages only, and each endpoint costs ~$9.50 per AZ a month.
    interface_endpoints = optional(list(string), [
      "ecr.api", "ecr.dkr", "secretsmanager", "kms", "logs", "sts", "ssm", "ssmmessages", "xray",
    ])
    endpoint_az_count = optional(number, 1)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.network.nat_gateway_count >= 1 && var.network.nat_gateway_count <= length(var.network.availability_zones)
    error_message = "network.nat_gateway_count must be from 1 to the number of availability zones (one per AZ for high availability)."
  }

  validation {
    condition     = var.network.endpoint_az_count >= 1 && var.network.endpoint_az_count <= length(var.network.availability_zones)
    error_message = "network.endpoint_az_count must be from 1 to the number of availability zones."
  }
}

variable "logs" {
  description = "Log retention in days for every log group of the environment (PCI DSS 10.5.1: at least 365 in production)."
  type = object({
    retention_in_days = number
  })
  nullable = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.logs.retention_in_days)
    error_message = "logs.retention_in_days must be a value CloudWatch Logs offers: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "secrets" {
  description = "Secrets Manager settings: days a deleted secret can still be restored (30 in production), and days between rotations of the secrets the platform rotates itself (catalog rotating_secrets)."
  type = object({
    recovery_window_in_days = optional(number, 7)
    rotation_days           = optional(number, 30)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.secrets.recovery_window_in_days >= 7 && var.secrets.recovery_window_in_days <= 30
    error_message = "secrets.recovery_window_in_days must be from 7 to 30."
  }

  validation {
    condition     = var.secrets.rotation_days >= 1 && var.secrets.rotation_days <= 90 && floor(var.secrets.rotation_days) == var.secrets.rotation_days
    error_message = "secrets.rotation_days must be a whole number of days from 1 to 90 (a generated key's cryptoperiod; compliance rule LC-SEC-007)."
  }
}

variable "lambda_concurrency_quota" {
  type        = number
  description = "The account's Lambda concurrent executions quota in aws_region (Service Quotas L-B99A9384): 10 in a new account until AWS raises it. Functions reserve concurrency only where this leaves at least 10 unreserved (Lambda's rule); `lookcard doctor` can compare it with the real quota."
  default     = 10
  nullable    = false

  validation {
    condition     = var.lambda_concurrency_quota >= 10 && floor(var.lambda_concurrency_quota) == var.lambda_concurrency_quota
    error_message = "lambda_concurrency_quota must be a whole number of at least 10."
  }
}

variable "bastion" {
  description = "Administrative access host, reachable only through SSM Session Manager; off where an environment does not want it."
  type = object({
    enabled       = optional(bool, false)
    instance_type = optional(string, "t4g.micro")
  })
  default  = {}
  nullable = false
}

variable "aurora" {
  description = "Aurora PostgreSQL Serverless v2 settings of the environment (see modules/aurora-postgres for every field and its default)."
  type = object({
    # The major version while AWS upgrades minors (a minor pin needs
    # auto_minor_version_upgrade = false; the module refuses the mix).
    engine_version                      = optional(string, "16")
    auto_minor_version_upgrade          = optional(bool, true)
    min_capacity                        = optional(number, 0.5)
    max_capacity                        = optional(number, 8)
    reader_count                        = optional(number, 0)
    backup_retention_days               = optional(number, 7)
    deletion_protection                 = optional(bool, false)
    skip_final_snapshot                 = optional(bool, true)
    performance_insights_retention_days = optional(number, 7)
    # Cost levers: min_capacity 0 pauses the writer after this many idle
    # seconds (only without RDS Proxy); a reader in tier 0-1 scales with the
    # writer, one in tier 2+ with its own load (one tier per reader).
    seconds_until_auto_pause = optional(number, 3600)
    reader_promotion_tiers   = optional(list(number), [])
    # RDS Proxy and its connection pool; enabled = false: services connect
    # to the writer directly with IAM auth.
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
    condition     = (var.aurora.min_capacity >= 0.5 || var.aurora.min_capacity == 0) && var.aurora.min_capacity <= var.aurora.max_capacity && var.aurora.max_capacity <= 256
    error_message = "aurora capacity must satisfy min_capacity 0 (auto-pause, without RDS Proxy) or 0.5 <= min_capacity <= max_capacity <= 256 ACU."
  }

  validation {
    condition     = var.aurora.backup_retention_days >= 1 && var.aurora.backup_retention_days <= 35
    error_message = "aurora.backup_retention_days must be from 1 to 35."
  }
}

variable "redis" {
  description = "ElastiCache Redis settings: node type, replicas (one per extra AZ), multi-AZ failover, snapshot retention."
  type = object({
    node_type               = optional(string, "cache.t4g.micro")
    replicas                = optional(number, 0)
    multi_az                = optional(bool, false)
    snapshot_retention_days = optional(number, 0)
  })
  default  = {}
  nullable = false

  validation {
    condition     = can(regex("^cache\\.(t4g|t3|m6g|m7g|r6g|r7g|m5|r5)\\.[a-z0-9]+$", var.redis.node_type))
    error_message = "redis.node_type must be a Redis node type of a supported family (cache.t4g, t3, m6g, m7g, r6g, r7g, m5, r5), e.g. cache.t4g.micro."
  }
}

variable "dynamodb" {
  description = "DynamoDB settings: deletion protection (on in production)."
  type = object({
    deletion_protection = optional(bool, false)
  })
  default  = {}
  nullable = false
}

variable "compute" {
  description = "ECS settings of the environment: Container Insights, the Fargate/Spot mix, ECS Exec, scheduled scaling to zero outside Singapore working hours, and an image tag override."
  type = object({
    container_insights = optional(string, "disabled")
    capacity_strategy = optional(object({
      fargate_base   = optional(number, 1)
      fargate_weight = optional(number, 1)
      spot_weight    = optional(number, 0)
    }), {})
    enable_execute_command = optional(bool, false)
    scheduled_scaling      = optional(bool, false)
    image_tag              = optional(string)
    # Fargate Spot runs X86_64 only: Spot-heavy environments use X86_64, the
    # others Graviton (ARM64). Images are built for both.
    cpu_architecture = optional(string, "ARM64")
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["enhanced", "enabled", "disabled"], var.compute.container_insights)
    error_message = "compute.container_insights must be enhanced, enabled or disabled."
  }

  validation {
    condition     = contains(["ARM64", "X86_64"], var.compute.cpu_architecture)
    error_message = "compute.cpu_architecture must be ARM64 or X86_64."
  }

  validation {
    condition     = var.compute.capacity_strategy.spot_weight == 0 || var.compute.cpu_architecture == "X86_64"
    error_message = "Fargate Spot runs X86_64 tasks only: with compute.capacity_strategy.spot_weight > 0 set compute.cpu_architecture to X86_64."
  }

  validation {
    condition     = var.compute.image_tag == null || can(regex("^[A-Za-z0-9_.-]{1,128}$", coalesce(var.compute.image_tag, "x")))
    error_message = "compute.image_tag must be a valid image tag (letters, digits, '_', '.', '-')."
  }
}

variable "catalog_file" {
  type        = string
  description = "Service catalog to read instead of catalog/services.yaml (scale benchmarks use a synthetic one); empty for the real catalog."
  default     = ""
  nullable    = false

  validation {
    condition     = var.catalog_file == "" || can(regex("\\.(ya?ml|json)$", var.catalog_file))
    error_message = "catalog_file must be empty or a .yaml, .yml or .json file."
  }
}

variable "dns" {
  description = "Public naming: the environment's subdomain of domain_name (empty in production, where names sit on the apex)."
  type = object({
    subdomain = string
  })
  nullable = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)?$", var.dns.subdomain))
    error_message = "dns.subdomain must be empty or a DNS label such as develop."
  }
}

variable "cloudflare" {
  description = "Cloudflare zone that proxies the API and app hostnames (partial, CNAME setup: Route 53 in the DNS account stays authoritative; docs/request-path.md). With proxied = true the edge web ACLs read CF-Connecting-IP and the API requires Cloudflare's origin-pull certificate. The API token comes from CLOUDFLARE_API_TOKEN, never from here."
  type = object({
    zone_id = optional(string)
    proxied = optional(bool, true)
    # Cloudflare's published edge ranges (https://www.cloudflare.com/ips-v4 and
    # /ips-v6; unchanged since 2021 when last checked): the edge web ACLs admit
    # only these sources. Refresh from those URLs when Cloudflare announces a change.
    ip_ranges = optional(list(string), [
      "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18",
      "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17",
      "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
      "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32",
      "2a06:98c0::/29", "2c0f:f248::/32",
    ])
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.cloudflare.zone_id == null || can(regex("^[0-9a-f]{32}$", coalesce(var.cloudflare.zone_id, "x")))
    error_message = "cloudflare.zone_id must be a 32-character hex Cloudflare zone ID (or unset for no Cloudflare records)."
  }

  validation {
    condition     = alltrue([for c in var.cloudflare.ip_ranges : can(cidrhost(c, 0))]) && (var.cloudflare.zone_id == null || !var.cloudflare.proxied || length(var.cloudflare.ip_ranges) > 0)
    error_message = "cloudflare.ip_ranges must be Cloudflare's published IPv4/IPv6 CIDRs (https://www.cloudflare.com/ips-v4, /ips-v6), and not empty while Cloudflare proxies the zone: the edge web ACLs admit only these sources."
  }
}

variable "edge" {
  description = "Edge settings: ALB deletion protection, API Gateway throttling (requests per second and burst; stricter on sensitive routes such as cards and crypto) and reseller partners' usage plans."
  type = object({
    deletion_protection = optional(bool, false)
    throttling = object({
      rate_limit            = number
      burst_limit           = number
      sensitive_rate_limit  = number
      sensitive_burst_limit = number
    })
    resellers = optional(map(object({
      quota_per_day = number
      rate_limit    = number
      burst_limit   = number
    })), {})
  })
  nullable = false

  validation {
    condition     = var.edge.throttling.rate_limit > 0 && var.edge.throttling.sensitive_rate_limit > 0 && var.edge.throttling.burst_limit >= var.edge.throttling.rate_limit && var.edge.throttling.sensitive_burst_limit >= var.edge.throttling.sensitive_rate_limit
    error_message = "edge.throttling: rates must be above 0 and each burst at least its rate."
  }
}

variable "monitoring" {
  description = "Monitoring: level (full, or reduced in develop: critical alarms only), alarm thresholds, alert subscriptions by name, and the X-Ray sampling rate (higher outside production)."
  type = object({
    level              = optional(string, "full")
    thresholds         = optional(map(number), {})
    xray_sampling_rate = optional(number, 0.05)
    # Cost lever: false keeps only the overview dashboard.
    cluster_dashboards = optional(bool, true)
    subscriptions = optional(map(object({
      protocol = string
      endpoint = string
      severity = string
    })), {})
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["full", "reduced"], var.monitoring.level)
    error_message = "monitoring.level must be full or reduced."
  }

  validation {
    condition     = var.monitoring.xray_sampling_rate >= 0 && var.monitoring.xray_sampling_rate <= 1
    error_message = "monitoring.xray_sampling_rate must be a fraction from 0 to 1."
  }
}

variable "budget" {
  description = "The environment's monthly budget: `lookcard cost` fails when its estimate exceeds monthly_usd, and modules/budgets creates the AWS Budget (alerts at actual_thresholds_percent of it, and a forecast above forecast_threshold_percent, 0 for none; at most 10 alerts in all) from the same figure. Every environment's tfvars declares one; null creates no AWS Budget."
  type = object({
    monthly_usd                = number
    actual_thresholds_percent  = optional(list(number), [80, 100])
    forecast_threshold_percent = optional(number, 100)
  })
  default = null

  validation {
    condition     = var.budget == null ? true : var.budget.monthly_usd > 0
    error_message = "budget.monthly_usd must be a positive number of USD."
  }
}

variable "audit" {
  description = "Account-level audit: CloudTrail (always), object lock on its bucket, GuardDuty, Security Hub and Config (on in production)."
  type = object({
    cloudtrail                 = optional(bool, true)
    object_lock                = optional(bool, false)
    object_lock_mode           = optional(string, "GOVERNANCE")
    guardduty                  = optional(bool, false)
    security_hub               = optional(bool, false)
    config                     = optional(bool, false)
    transition_to_glacier_days = optional(number, 90)
    retention_days             = optional(number, 2555)
  })
  default  = {}
  nullable = false
}

variable "backup" {
  description = "AWS Backup of Aurora and DynamoDB (modules/backup): on or off, daily schedule, retention; vault_lock (COMPLIANCE in production, with changeable_for_days >= 3) and copy (another region, production) or null. ElastiCache is not supported by AWS Backup (redis.snapshot_retention_days)."
  type = object({
    enabled        = optional(bool, true)
    schedule       = optional(string, "cron(0 18 * * ? *)")
    retention_days = optional(number, 7)
    vault_lock = optional(object({
      mode                = string
      min_retention_days  = number
      max_retention_days  = number
      changeable_for_days = optional(number, 3)
    }))
    copy = optional(object({
      region         = string
      retention_days = number
    }))
  })
  default  = {}
  nullable = false
}

variable "waf" {
  description = "AWS WAF: on or off (production and staging must keep it on), AWS managed rule groups with block or count (count needs the reason written down), per-IP rate limits per 5 minutes (stricter on sensitive routes), the allow-listed partner and office CIDRs, and alarm thresholds on blocked requests."
  type = object({
    enabled                     = optional(bool, true)
    rate_limit_per_ip           = number
    sensitive_rate_limit_per_ip = number
    allow_cidrs                 = optional(list(string), [])
    managed_rule_groups = map(object({
      priority = number
      action   = string
      reason   = optional(string)
    }))
    # Alarms on blocked-request spikes and on the rate rules, per period
    # (seconds); null for none.
    alarms = optional(object({
      blocked_requests_threshold = number
      rate_limited_threshold     = number
      period                     = optional(number, 300)
      evaluation_periods         = optional(number, 1)
    }))
  })
  nullable = false

  validation {
    condition     = var.waf.alarms == null ? true : (var.waf.alarms.blocked_requests_threshold >= 1 && var.waf.alarms.rate_limited_threshold >= 1 && var.waf.alarms.evaluation_periods >= 1)
    error_message = "waf.alarms thresholds and evaluation_periods must be at least 1 (or set waf.alarms to null for no alarms)."
  }

  validation {
    condition     = var.waf.rate_limit_per_ip >= 10 && var.waf.sensitive_rate_limit_per_ip >= 10 && var.waf.sensitive_rate_limit_per_ip <= var.waf.rate_limit_per_ip
    error_message = "waf rate limits must be at least 10 requests per 5 minutes (AWS's minimum), with the sensitive limit no higher than the general one."
  }
}
