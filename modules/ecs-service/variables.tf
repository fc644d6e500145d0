variable "service" {
  description = <<-EOT
    The resolved catalog entry (an element of the catalog module's ecs_services
    output; attributes not listed here are dropped by the type). capacity holds
    this environment's cpu, memory, desired, min and max.
  EOT
  type = object({
    name                   = string
    cluster                = string
    kind                   = string
    port                   = optional(number)
    health_check           = optional(string)
    container_health_check = optional(string, "none")
    exposure               = string
    capacity = object({
      cpu     = number
      memory  = number
      desired = number
      min     = number
      max     = number
    })
    schedule = optional(string)
    database = bool
    redis    = bool
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.service.name))
    error_message = "service.name must be a DNS label of 2-24 lower-case letters, digits and dashes, as in the catalog."
  }

  validation {
    condition     = contains(["api", "listener", "worker", "job", "web"], var.service.kind)
    error_message = "service.kind must be api, listener, worker, job or web."
  }

  validation {
    condition     = contains(["public", "internal", "none"], var.service.exposure)
    error_message = "service.exposure must be public, internal or none."
  }

  validation {
    condition     = var.service.port == null || try(var.service.port >= 1 && var.service.port <= 65535 && floor(var.service.port) == var.service.port && var.service.port != 2000, false)
    error_message = "service.port must be a whole TCP port from 1 to 65535 other than 2000 (the X-Ray daemon's port in the same task)."
  }

  validation {
    condition     = !contains(["api", "web"], var.service.kind) || (var.service.port != null && can(regex("^/", var.service.health_check)))
    error_message = "Services of kind api or web need a port and a health_check path starting with '/' (the path the load balancer probes)."
  }

  # The container health check runs inside the image, so it must name a tool
  # the image has: "none" (the default: ECS watches the process, the load
  # balancer probes health_check), "CMD <executable> <args...>" (exec form,
  # no shell; arguments are separated by single spaces) or "CMD-SHELL
  # <command line>" (needs /bin/sh and whatever the line calls in the image).
  validation {
    condition     = var.service.container_health_check == "none" || can(regex("^CMD( [^ ]+)+$", var.service.container_health_check)) || can(regex("^CMD-SHELL [^ ].*$", var.service.container_health_check))
    error_message = "service.container_health_check must be none, \"CMD <executable> <args...>\" (single spaces, no shell) or \"CMD-SHELL <command line>\"."
  }

  validation {
    condition     = var.service.kind != "job" || can(regex("^(cron|rate|at)\\(.+\\)$", var.service.schedule))
    error_message = "A service of kind job needs a schedule: an EventBridge Scheduler expression such as cron(0 2 * * ? *) or rate(1 hour)."
  }

  validation {
    condition = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.service.capacity.cpu) && (
      var.service.capacity.cpu == 256 ? contains([512, 1024, 2048], var.service.capacity.memory) :
      var.service.capacity.cpu == 512 ? var.service.capacity.memory >= 1024 && var.service.capacity.memory <= 4096 && var.service.capacity.memory % 1024 == 0 :
      var.service.capacity.cpu == 1024 ? var.service.capacity.memory >= 2048 && var.service.capacity.memory <= 8192 && var.service.capacity.memory % 1024 == 0 :
      var.service.capacity.cpu == 2048 ? var.service.capacity.memory >= 4096 && var.service.capacity.memory <= 16384 && var.service.capacity.memory % 1024 == 0 :
      var.service.capacity.cpu == 4096 ? var.service.capacity.memory >= 8192 && var.service.capacity.memory <= 30720 && var.service.capacity.memory % 1024 == 0 :
      var.service.capacity.cpu == 8192 ? var.service.capacity.memory >= 16384 && var.service.capacity.memory <= 61440 && var.service.capacity.memory % 4096 == 0 :
      var.service.capacity.memory >= 32768 && var.service.capacity.memory <= 122880 && var.service.capacity.memory % 8192 == 0
    )
    error_message = "service.capacity cpu/memory must be a Fargate size: cpu 256 (memory 512, 1024, 2048), 512 (1024-4096), 1024 (2048-8192), 2048 (4096-16384), 4096 (8192-30720) in 1024 steps, 8192 (16384-61440 in 4096 steps) or 16384 (32768-122880 in 8192 steps)."
  }

  validation {
    condition = alltrue([for c in [var.service.capacity.desired, var.service.capacity.min, var.service.capacity.max] : c >= 0 && floor(c) == c]) && (
      var.service.capacity.min <= var.service.capacity.desired && var.service.capacity.desired <= var.service.capacity.max
    )
    error_message = "service.capacity desired, min and max must be whole numbers with 0 <= min <= desired <= max."
  }
}

variable "cluster" {
  type = object({
    arn  = string
    name = string
  })
  description = "ECS cluster the service (or the scheduled job's tasks) runs in."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255}$", var.cluster.arn)) && endswith(var.cluster.arn, "/${var.cluster.name}")
    error_message = "cluster.arn must be an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>) ending in cluster.name."
  }
}

variable "network" {
  type = object({
    subnet_ids        = list(string)
    security_group_id = string
  })
  description = "Private subnets the tasks run in (they never get a public IP) and the service's own security group."
  nullable    = false

  validation {
    condition     = length(var.network.subnet_ids) > 0 && alltrue([for s in var.network.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "network.subnet_ids must hold at least one subnet ID (subnet-...): the private subnets of the VPC."
  }

  validation {
    condition     = can(regex("^sg-[0-9a-f]{8,17}$", var.network.security_group_id))
    error_message = "network.security_group_id must be a security group ID (sg-...)."
  }
}

variable "image" {
  type = object({
    repository_url = string
    tag            = string
  })
  description = "Private ECR repository of the service and the image tag to run (the root defaults the tag to the git commit hash)."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", var.image.repository_url))
    error_message = "image.repository_url must be a private ECR repository URL (<account>.dkr.ecr.<region>.amazonaws.com/<name>), without a tag or digest."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,128}$", var.image.tag))
    error_message = "image.tag must be 1-128 letters, digits, '_', '.' or '-' (for example the git commit hash)."
  }
}

variable "cpu_architecture" {
  type        = string
  description = "CPU architecture of the task (the image must be built for it)."
  default     = "ARM64"
  nullable    = false

  validation {
    condition     = contains(["ARM64", "X86_64"], var.cpu_architecture)
    error_message = "cpu_architecture must be ARM64 or X86_64."
  }
}

variable "secrets" {
  type = map(object({
    arn = string
  }))
  description = "Secrets Manager secrets the service reads, keyed by short name (reap-api-key); each is injected as an environment variable named in upper snake case (REAP_API_KEY) through the container's secrets, never as a plain value."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.secrets) : can(regex("^[a-z][a-z0-9-]{0,62}[a-z0-9]$", k))])
    error_message = "secrets keys must be short lower-case names of letters, digits and dashes (reap-api-key)."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", s.arn))])
    error_message = "secrets[*].arn must be full Secrets Manager secret ARNs (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>)."
  }
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "KMS key that encrypts the secrets; the execution role may decrypt with it only through Secrets Manager. Required when secrets is not empty."
  default     = null

  validation {
    condition     = var.secrets_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.secrets_kms_key_arn))
    error_message = "secrets_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "environment_variables" {
  type        = map(string)
  description = "Non-secret settings (endpoints, table names) for the app container. Anything secret goes in secrets."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.environment_variables) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])
    error_message = "environment_variables keys must be environment variable names: letters, digits and '_', not starting with a digit."
  }

  validation {
    condition     = alltrue([for k in keys(var.environment_variables) : !can(regex("(?i)(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)", k))])
    error_message = "environment_variables must not carry secrets: a key containing PASSWORD, PASSWD, SECRET, TOKEN, API_KEY or PRIVATE_KEY looks like one. Put the value in Secrets Manager and pass it through secrets instead."
  }

  validation {
    condition     = !contains(keys(var.environment_variables), "AWS_XRAY_DAEMON_ADDRESS")
    error_message = "environment_variables must not set AWS_XRAY_DAEMON_ADDRESS: the module points it at the X-Ray sidecar."
  }
}

variable "permissions" {
  type = object({
    dynamodb_arns             = optional(list(string), [])
    kms_key_arns              = optional(list(string), [])
    rds_db_connect_arn_prefix = optional(string)
    elasticache_arns          = optional(list(string), [])
  })
  description = <<-EOT
    What the task role may use: the service's own DynamoDB tables (item
    read/write and their streams), KMS keys (encrypt/decrypt/data keys), its
    own IAM database user and ElastiCache replication groups / users
    (elasticache:Connect). rds_db_connect_arn_prefix is
    arn:aws:rds-db:<region>:<account>:dbuser:<proxy-or-cluster-resource-id>
    (the aurora module's proxy_db_connect_arn_prefix); the module appends the
    service's database user, its name with - replaced by _ (card-api ->
    card_api, a PostgreSQL identifier), grants rds-db:connect on exactly that
    and sets DATABASE_USER to it.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for a in var.permissions.dynamodb_arns : can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]{3,255}$", a))])
    error_message = "permissions.dynamodb_arns must be DynamoDB table ARNs (arn:aws:dynamodb:<region>:<account>:table/<name>), without wildcards."
  }

  validation {
    condition     = alltrue([for a in var.permissions.kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", a))])
    error_message = "permissions.kms_key_arns must be KMS key ARNs (arn:aws:kms:<region>:<account>:key/<id>), not aliases or wildcards."
  }

  validation {
    condition     = var.permissions.rds_db_connect_arn_prefix == null || can(regex("^arn:aws[a-z-]*:rds-db:[a-z0-9-]+:[0-9]{12}:dbuser:(cluster|prx|db)-[A-Za-z0-9]+$", var.permissions.rds_db_connect_arn_prefix))
    error_message = "permissions.rds_db_connect_arn_prefix must be arn:aws:rds-db:<region>:<account>:dbuser:<cluster-or-proxy-resource-id>, without the /<user> (the module appends the service's own user) and without wildcards."
  }

  validation {
    condition     = alltrue([for a in var.permissions.elasticache_arns : can(regex("^arn:aws[a-z-]*:elasticache:[a-z0-9-]+:[0-9]{12}:(replicationgroup|serverlesscache|user):[A-Za-z0-9-]+$", a))])
    error_message = "permissions.elasticache_arns must be ElastiCache replication group, serverless cache or user ARNs, without wildcards."
  }
}

variable "service_discovery" {
  type = object({
    namespace_id = string
  })
  description = "Cloud Map private DNS namespace to register the service in (A records, multivalue) when it listens; null for none."
  default     = null

  validation {
    condition     = var.service_discovery == null || can(regex("^ns-[a-z0-9]+$", var.service_discovery.namespace_id))
    error_message = "service_discovery.namespace_id must be a Cloud Map namespace ID (ns-...)."
  }
}

variable "load_balancer" {
  type = object({
    target_group_arn   = string
    listener_rule_arn  = optional(string)
    alb_resource_label = optional(string)
  })
  description = <<-EOT
    ALB target group (target type ip) to attach the container port to, and the
    listener rule that forwards to it: ECS refuses a target group that no
    listener uses ("does not have an associated load balancer"), and so does
    ALBRequestCountPerTarget, so the service and its scaling policies are
    created only after that rule (required whenever target_group_arn is set).
    With alb_resource_label (app/<alb>/<id>/targetgroup/<tg>/<id>) the service
    also scales on requests per target. null for none.
  EOT
  default     = null

  validation {
    condition     = var.load_balancer == null || can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.load_balancer.target_group_arn))
    error_message = "load_balancer.target_group_arn must be an ELB target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)."
  }

  validation {
    condition     = var.load_balancer == null || try(can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener-rule/app/[A-Za-z0-9-]{1,32}/[0-9a-f]+/[0-9a-f]+/[0-9a-f]+$", var.load_balancer.listener_rule_arn)), false)
    error_message = "load_balancer.listener_rule_arn is required with a target group: the ARN of the ALB listener rule that forwards to it (arn:aws:elasticloadbalancing:<region>:<account>:listener-rule/app/<alb>/<id>/<listener-id>/<rule-id>), so that the service waits for the target group to be attached."
  }

  validation {
    condition     = var.load_balancer == null || try(var.load_balancer.alb_resource_label == null || can(regex("^app/[A-Za-z0-9-]{1,32}/[0-9a-f]+/targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.load_balancer.alb_resource_label)), false)
    error_message = "load_balancer.alb_resource_label must look like app/<alb-name>/<alb-id>/targetgroup/<tg-name>/<tg-id>."
  }
}

variable "autoscaling" {
  type = object({
    cpu_target          = optional(number, 60)
    memory_target       = optional(number, 70)
    requests_per_target = optional(number, 500)
    scheduled_scaling = optional(object({
      timezone   = optional(string, "Asia/Singapore")
      scale_down = optional(string, "cron(0 20 ? * MON-FRI *)")
      scale_up   = optional(string, "cron(0 8 ? * MON-FRI *)")
    }))
  })
  description = <<-EOT
    Target tracking (average CPU and memory in percent; ALB requests per target
    when load_balancer.alb_resource_label is set). scheduled_scaling, when set,
    scales the service to 0 at scale_down and back to capacity.min/max at
    scale_up (weekends stay down with the Mon-Fri defaults): for environments
    that need not run at night. Ignored for jobs.
  EOT
  default     = {}
  nullable    = false

  validation {
    condition     = var.autoscaling.cpu_target >= 1 && var.autoscaling.cpu_target <= 100 && var.autoscaling.memory_target >= 1 && var.autoscaling.memory_target <= 100
    error_message = "autoscaling.cpu_target and memory_target are utilisation percentages: each must be from 1 to 100."
  }

  validation {
    condition     = var.autoscaling.requests_per_target >= 1
    error_message = "autoscaling.requests_per_target must be at least 1 request per target per minute."
  }

  validation {
    condition = var.autoscaling.scheduled_scaling == null || try(
      can(regex("^cron\\(.+\\)$", var.autoscaling.scheduled_scaling.scale_down)) &&
      can(regex("^cron\\(.+\\)$", var.autoscaling.scheduled_scaling.scale_up)) &&
      can(regex("^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$", var.autoscaling.scheduled_scaling.timezone)),
    false)
    error_message = "autoscaling.scheduled_scaling needs scale_down and scale_up as cron(...) expressions and an IANA timezone such as Asia/Singapore."
  }
}

variable "enable_execute_command" {
  type        = bool
  description = "Allow ECS Exec into the tasks (the root turns it on only outside production)."
  default     = false
  nullable    = false
}

variable "execute_command_configuration" {
  type = object({
    kms_key_arn    = string
    log_group_name = string
  })
  description = <<-EOT
    The cluster's ECS Exec configuration (modules/ecs-clusters): the KMS key
    that encrypts the session and the KMS-encrypted CloudWatch log group the
    session is logged to. Required when enable_execute_command is on: the
    SSM agent in the task uses the task role to decrypt with the key, to find
    the log group (and check that it is encrypted) and to write to it, and
    refuses the session otherwise.
  EOT
  default     = null

  validation {
    condition     = var.execute_command_configuration == null || try(can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.execute_command_configuration.kms_key_arn)) && can(regex("^[A-Za-z0-9_./#-]{1,512}$", var.execute_command_configuration.log_group_name)), false)
    error_message = "execute_command_configuration needs kms_key_arn as a KMS key ARN (not an alias) and log_group_name as a CloudWatch Logs group name."
  }
}

variable "guardduty_agent_repository_arn" {
  type        = string
  description = <<-EOT
    ECR repository of GuardDuty Runtime Monitoring's Fargate agent, which
    GuardDuty adds to every task as a sidecar pulled with the execution role.
    null (the default) takes the repository GuardDuty documents for region
    (aws-guardduty-agent-fargate in an AWS-owned account per region); set it
    for a region the module does not list.
  EOT
  default     = null

  validation {
    condition     = var.guardduty_agent_repository_arn == null || can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$", var.guardduty_agent_repository_arn))
    error_message = "guardduty_agent_repository_arn must be an ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/aws-guardduty-agent-fargate)."
  }
}

variable "xray" {
  type = object({
    image  = optional(string, "public.ecr.aws/xray/aws-xray-daemon:3.3.14")
    cpu    = optional(number, 32)
    memory = optional(number, 256)
  })
  description = "The X-Ray daemon sidecar: image (pinned) and its share of the task's cpu units and memory (MiB)."
  default     = {}
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9_.-]{1,128}|@sha256:[0-9a-f]{64})$", var.xray.image)) && !endswith(var.xray.image, ":latest")
    error_message = "xray.image must be an image reference pinned to a version tag or digest (not latest), such as public.ecr.aws/xray/aws-xray-daemon:3.3.14."
  }

  validation {
    condition     = var.xray.cpu >= 0 && floor(var.xray.cpu) == var.xray.cpu && var.xray.memory >= 32 && floor(var.xray.memory) == var.xray.memory
    error_message = "xray.cpu must be a whole number of cpu units (0 or more) and xray.memory whole MiB (at least 32)."
  }
}

variable "health_check_grace_period_seconds" {
  type        = number
  description = "Seconds the ECS scheduler ignores load-balancer health checks after a task starts (used only with a load balancer)."
  default     = 60
  nullable    = false

  validation {
    condition     = var.health_check_grace_period_seconds >= 0 && var.health_check_grace_period_seconds <= 3600 && floor(var.health_check_grace_period_seconds) == var.health_check_grace_period_seconds
    error_message = "health_check_grace_period_seconds must be a whole number of seconds from 0 to 3600."
  }
}

variable "deployment" {
  type = object({
    minimum_healthy_percent = optional(number, 100)
    maximum_percent         = optional(number, 200)
  })
  description = "Rolling deployment bounds, in percent of the desired count."
  default     = {}
  nullable    = false

  validation {
    condition = (
      var.deployment.minimum_healthy_percent >= 0 && var.deployment.minimum_healthy_percent <= 100 &&
      var.deployment.maximum_percent >= 100 && var.deployment.maximum_percent <= 200 &&
      var.deployment.maximum_percent > var.deployment.minimum_healthy_percent
    )
    error_message = "deployment.minimum_healthy_percent must be 0-100 and maximum_percent 100-200 (and above the minimum, so a deployment can make progress)."
  }
}

variable "scheduled_job" {
  type = object({
    dead_letter_kms_key_arn   = string
    maximum_retry_attempts    = optional(number, 2)
    maximum_event_age_seconds = optional(number, 3600)
  })
  description = "For kind job (required then; ignored otherwise): KMS key of the dead-letter queue of failed invocations, and the schedule's retry policy."
  default     = null

  validation {
    condition     = var.scheduled_job == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.scheduled_job.dead_letter_kms_key_arn))
    error_message = "scheduled_job.dead_letter_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }

  validation {
    condition = var.scheduled_job == null || try(
      var.scheduled_job.maximum_retry_attempts >= 0 && var.scheduled_job.maximum_retry_attempts <= 185 && floor(var.scheduled_job.maximum_retry_attempts) == var.scheduled_job.maximum_retry_attempts &&
      var.scheduled_job.maximum_event_age_seconds >= 60 && var.scheduled_job.maximum_event_age_seconds <= 86400 && floor(var.scheduled_job.maximum_event_age_seconds) == var.scheduled_job.maximum_event_age_seconds,
    false)
    error_message = "scheduled_job.maximum_retry_attempts must be 0-185 and maximum_event_age_seconds 60-86400 (EventBridge Scheduler's limits)."
  }
}

