variable "alerting" {
  description = <<-EOT
    Alert topics: kms_key_arn encrypts both SNS topics (critical, warning);
    its policy must let cloudwatch.amazonaws.com and, with routes,
    events.amazonaws.com use it. subscriptions, keyed by a free name, each
    send one topic (severity) to an email address or an HTTPS endpoint (an
    incident tool's webhook). routes: the EventBridge routes of findings and
    account events to the topics (modules/alert-topics routes.tf); empty for
    a preview, which shares its account's events with the sandbox stack.
  EOT
  type = object({
    kms_key_arn = string
    routes      = optional(list(string), [])
    subscriptions = optional(map(object({
      protocol = string
      endpoint = string
      severity = string
    })), {})
  })
  nullable = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.alerting.kms_key_arn))
    error_message = "alerting.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }

  validation {
    condition     = alltrue([for s in values(var.alerting.subscriptions) : contains(["email", "https"], s.protocol)])
    error_message = "alerting.subscriptions[*].protocol must be email or https (the only protocols supported for alerts): ${join(", ", [for k, s in var.alerting.subscriptions : "${k} (${s.protocol})" if !contains(["email", "https"], s.protocol)])}."
  }

  validation {
    condition = alltrue([for s in values(var.alerting.subscriptions) :
      s.protocol == "email" ? can(regex("^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$", s.endpoint)) :
      s.protocol == "https" ? can(regex("^https://[A-Za-z0-9.-]+(:[0-9]+)?(/\\S*)?$", s.endpoint)) : true
    ])
    error_message = "alerting.subscriptions[*].endpoint must match its protocol: an email address (name@example.com) for email, an https:// URL for https."
  }

  validation {
    condition     = alltrue([for s in values(var.alerting.subscriptions) : contains(["critical", "warning"], s.severity)])
    error_message = "alerting.subscriptions[*].severity must be critical or warning (the two alert topics)."
  }
}

variable "monitoring" {
  description = <<-EOT
    level: full creates every alarm; reduced (develop) creates only the
    critical alarms that mean customers are affected: ECS running tasks below
    desired, ALB and API Gateway 5xx rate, and Aurora CPU. thresholds override
    the alarm thresholds (percents 1-100, counts >= 0, latencies > 0).
    cluster_dashboards: one dashboard per ECS cluster besides the overview
    (default), or the overview only.
  EOT
  type = object({
    level = string
    # false: only the overview dashboard, no per-cluster ones (develop-size
    # environments; each dashboard beyond the account's 3 free costs $3/month).
    cluster_dashboards = optional(bool, true)
    thresholds = optional(object({
      cpu_percent                  = optional(number, 80)
      memory_percent               = optional(number, 85)
      alb_5xx_rate_percent         = optional(number, 5)
      p99_latency_seconds          = optional(number, 2)
      aurora_cpu_percent           = optional(number, 80)
      aurora_acu_percent           = optional(number, 90)
      aurora_connections           = optional(number, 500)
      replica_lag_seconds          = optional(number, 30)
      freeable_memory_bytes        = optional(number, 268435456)
      redis_cpu_percent            = optional(number, 75)
      redis_memory_percent         = optional(number, 80)
      evictions                    = optional(number, 100)
      api_5xx_rate_percent         = optional(number, 5)
      api_p99_latency_ms           = optional(number, 2000)
      nat_port_allocation_errors   = optional(number, 0)
      proxy_auth_failures          = optional(number, 10)
      proxy_db_connection_failures = optional(number, 0)
      dynamodb_throttled_requests  = optional(number, 10)
      dynamodb_system_errors       = optional(number, 0)
    }), {})
  })
  nullable = false

  validation {
    condition     = contains(["full", "reduced"], var.monitoring.level)
    error_message = "monitoring.level must be full (every alarm) or reduced (only the critical alarms, for develop)."
  }

  validation {
    condition = alltrue([for v in [
      var.monitoring.thresholds.cpu_percent, var.monitoring.thresholds.memory_percent,
      var.monitoring.thresholds.alb_5xx_rate_percent, var.monitoring.thresholds.aurora_cpu_percent,
      var.monitoring.thresholds.aurora_acu_percent, var.monitoring.thresholds.redis_cpu_percent,
      var.monitoring.thresholds.redis_memory_percent, var.monitoring.thresholds.api_5xx_rate_percent,
    ] : v >= 1 && v <= 100])
    error_message = "monitoring.thresholds percents (cpu_percent, memory_percent, alb_5xx_rate_percent, aurora_cpu_percent, aurora_acu_percent, redis_cpu_percent, redis_memory_percent, api_5xx_rate_percent) must be from 1 to 100."
  }

  validation {
    condition = alltrue([for v in [
      var.monitoring.thresholds.aurora_connections, var.monitoring.thresholds.freeable_memory_bytes,
      var.monitoring.thresholds.evictions, var.monitoring.thresholds.nat_port_allocation_errors,
      var.monitoring.thresholds.proxy_auth_failures, var.monitoring.thresholds.proxy_db_connection_failures,
      var.monitoring.thresholds.dynamodb_throttled_requests, var.monitoring.thresholds.dynamodb_system_errors,
    ] : v >= 0 && floor(v) == v])
    error_message = "monitoring.thresholds counts (aurora_connections, freeable_memory_bytes, evictions, nat_port_allocation_errors, proxy_auth_failures, proxy_db_connection_failures, dynamodb_throttled_requests, dynamodb_system_errors) must be whole numbers >= 0."
  }

  validation {
    condition = alltrue([for v in [
      var.monitoring.thresholds.p99_latency_seconds, var.monitoring.thresholds.api_p99_latency_ms,
      var.monitoring.thresholds.replica_lag_seconds,
    ] : v > 0])
    error_message = "monitoring.thresholds latencies (p99_latency_seconds, api_p99_latency_ms, replica_lag_seconds) must be greater than 0."
  }
}

variable "services" {
  description = <<-EOT
    ECS services and scheduled jobs, keyed by catalog name. cluster_name is
    the ECS cluster's name (lookcard-<env>-<cluster>); service_name the ECS
    service's name (null for kind job, which has no service and gets no
    service alarms); desired the baseline task count the running-task alarm
    expects (no running-task alarm when 0); exposed services sit behind the
    ALB target group whose ARN suffix (targetgroup/<name>/<id>) is given;
    jobs name their scheduler dead-letter queue. scales_to_zero: the service
    is scheduled to run no task outside working hours (its running-task
    alarm then treats missing data as no breach).
  EOT
  type = map(object({
    cluster_name            = string
    service_name            = optional(string)
    kind                    = string
    exposed                 = bool
    desired                 = number
    scales_to_zero          = optional(bool, false)
    target_group_arn_suffix = optional(string)
    dead_letter_queue_name  = optional(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for n in keys(var.services) : can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", n))])
    error_message = "services must be keyed by catalog service name: 2-24 lower-case letters, digits and dashes."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : contains(["api", "listener", "worker", "job", "web"], s.kind)])
    error_message = "services[*].kind must be api, listener, worker, job or web."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.kind == "job" ? s.service_name == null : s.service_name != null])
    error_message = "services[*].service_name must be set for long-running services and null for jobs (a job has no ECS service): ${join(", ", [for n, s in var.services : n if(s.kind == "job") != (s.service_name == null)])}."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.kind != "job" || s.dead_letter_queue_name != null])
    error_message = "Every job needs dead_letter_queue_name (its EventBridge Scheduler dead-letter queue, <name_prefix>-<service>-dlq): ${join(", ", [for n, s in var.services : n if s.kind == "job" && s.dead_letter_queue_name == null])}."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : !s.exposed || (s.kind != "job" && s.target_group_arn_suffix != null)])
    error_message = "An exposed service must be a long-running service with target_group_arn_suffix (targetgroup/<name>/<id>), the ALB target group its 5xx and latency alarms watch: ${join(", ", [for n, s in var.services : n if s.exposed && (s.kind == "job" || s.target_group_arn_suffix == null)])}."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.target_group_arn_suffix == null || can(regex("^targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", s.target_group_arn_suffix))])
    error_message = "services[*].target_group_arn_suffix must be a target group ARN suffix, targetgroup/<name>/<id> (the aws_lb_target_group's arn_suffix)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.desired >= 0 && floor(s.desired) == s.desired])
    error_message = "services[*].desired must be a whole number of tasks >= 0."
  }
}

variable "clusters" {
  type        = list(string)
  description = "ECS cluster names (lookcard-<env>-<cluster>): one dashboard each, and the saturation panels of the overview. Every service's cluster_name must be one of them."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for c in var.clusters : can(regex("^[A-Za-z0-9_-]{1,255}$", c))]) && length(distinct(var.clusters)) == length(var.clusters)
    error_message = "clusters must be distinct ECS cluster names (letters, digits, dashes and underscores)."
  }
}

variable "container_insights" {
  type        = bool
  description = "Whether Container Insights is on for the clusters (enabled or enhanced). On: the running-task alarm compares ECS/ContainerInsights RunningTaskCount with the desired count. Off: it counts the tasks reporting AWS/ECS CPUUtilization (its SampleCount)."
  nullable    = false
}

variable "alb_arn_suffix" {
  type        = string
  description = "ARN suffix of the public ALB (app/<name>/<id>, the aws_lb's arn_suffix); required when any service is exposed. null for none."
  default     = null

  validation {
    condition     = var.alb_arn_suffix == null || can(regex("^app/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.alb_arn_suffix))
    error_message = "alb_arn_suffix must be an ALB ARN suffix, app/<name>/<id> (the aws_lb's arn_suffix)."
  }
}

variable "aurora" {
  description = "The Aurora Serverless v2 cluster: identifier, max_capacity in ACU (for the ACU-percent alarm) and the number of readers (replica-lag alarm only when > 0). null for none."
  type = object({
    cluster_identifier = string
    max_capacity       = number
    readers            = optional(number, 0)
  })
  default = null

  validation {
    condition     = var.aurora == null || try(can(regex("^[a-z][a-z0-9-]{0,62}$", var.aurora.cluster_identifier)) && var.aurora.max_capacity >= 1 && var.aurora.max_capacity <= 256 && var.aurora.readers >= 0 && var.aurora.readers <= 15 && floor(var.aurora.readers) == var.aurora.readers, false)
    error_message = "aurora needs a cluster_identifier (lower-case, starts with a letter), max_capacity from 1 to 256 ACU and readers a whole number from 0 to 15."
  }
}

variable "rds_proxy_name" {
  type        = string
  description = "Name of the RDS Proxy in front of Aurora (auth and database connection failure alarms). null for none."
  default     = null

  validation {
    condition     = var.rds_proxy_name == null || can(regex("^[a-z][a-z0-9-]{0,62}$", var.rds_proxy_name))
    error_message = "rds_proxy_name must be an RDS Proxy name: lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "redis" {
  description = "The ElastiCache Redis replication group (cluster mode disabled): its ID and number of replicas. Alarms are per node (<id>-001 is the first); replication lag is watched only with replicas. null for none."
  type = object({
    replication_group_id = string
    replicas             = optional(number, 0)
  })
  default = null

  validation {
    condition     = var.redis == null || try(can(regex("^[a-z][a-z0-9-]{0,39}$", var.redis.replication_group_id)) && contains([0, 1, 2, 3, 4, 5], var.redis.replicas), false)
    error_message = "redis needs a replication_group_id (at most 40 lower-case letters, digits and dashes) and replicas from 0 to 5."
  }
}

variable "dynamodb_table_names" {
  type        = list(string)
  description = "DynamoDB tables to watch for throttled requests and system errors."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for t in var.dynamodb_table_names : can(regex("^[A-Za-z0-9_.-]{3,255}$", t))]) && length(distinct(var.dynamodb_table_names)) == length(var.dynamodb_table_names)
    error_message = "dynamodb_table_names must be distinct DynamoDB table names (3-255 letters, digits, '_', '-', '.')."
  }
}

variable "api_gateway" {
  description = "The public REST API (AWS/ApiGateway ApiName and Stage dimensions): 5xx rate and p99 latency alarms. null for none."
  type = object({
    api_name = string
    stage    = string
  })
  default = null
}

variable "nat_gateway_ids" {
  type        = list(string)
  description = "NAT gateways to watch for port allocation errors (one alarm each, numbered in list order)."
  default     = []
  nullable    = false
}

variable "xray" {
  description = "X-Ray: the fixed sampling rate of the environment's rule (0-1; higher outside production, from tfvars) and, optionally, the KMS key that encrypts traces (AWS-owned encryption when null). manage_encryption: whether this stack manages the account's one X-Ray encryption setting; true once per account (the environment's own stack), false for stacks sharing the account (sandbox previews), which would otherwise overwrite each other's setting and delete it on destroy."
  type = object({
    sampling_rate     = number
    kms_key_arn       = optional(string)
    manage_encryption = optional(bool, true)
  })
  nullable = false

  validation {
    condition     = var.xray.sampling_rate >= 0 && var.xray.sampling_rate <= 1
    error_message = "xray.sampling_rate must be a fraction from 0 to 1 (0.05 samples 5% of requests)."
  }

  validation {
    condition     = var.xray.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.xray.kms_key_arn))
    error_message = "xray.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}
