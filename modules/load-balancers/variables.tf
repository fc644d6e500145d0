variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets of the internal ALB and the internal NLB, one per AZ (at least two: an ALB needs two AZs)."
  nullable    = false

  validation {
    condition     = length(var.private_subnet_ids) >= 2 && alltrue([for s in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "private_subnet_ids must hold at least two subnet IDs (subnet-...) in different AZs: the internal ALB needs two."
  }
}

variable "alb_security_group_id" {
  type        = string
  description = "Security group of the internal ALB (modules/security-groups' alb_security_group_id): it admits HTTPS from the NLB's security group only."
  nullable    = false

  validation {
    condition     = can(regex("^sg-[0-9a-f]{8,17}$", var.alb_security_group_id))
    error_message = "alb_security_group_id must be a security group ID (sg-...)."
  }
}

variable "nlb_security_group_ids" {
  type        = list(string)
  description = "Security groups of the internal NLB (modules/security-groups' nlb_security_group_id), one to five. The ALB's group admits only these, so the ALB is reachable from the NLB alone. AWS cannot add security groups to an NLB created without any: adding them to an existing NLB replaces it."
  nullable    = false

  validation {
    condition     = length(var.nlb_security_group_ids) >= 1 && length(var.nlb_security_group_ids) <= 5 && alltrue([for s in var.nlb_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", s))])
    error_message = "nlb_security_group_ids must be one to five security group IDs (sg-...): the ALB admits traffic only from the NLB's group, so an NLB without one would leave the ALB unreachable (or tempt an open rule)."
  }
}

variable "certificate_arn" {
  type        = string
  description = "Regional ACM certificate of the ALB's HTTPS listener. It must cover every host the ALB answers for: the environment domain's hosts and the API Gateway custom domain (api.<domain>), which API Gateway verifies when it connects through the NLB."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)."
  }
}

variable "ssl_policy" {
  type        = string
  description = "ELB security policy of the HTTPS listener: TLS 1.2 or newer only (ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-* or -FS-1-2-*)."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  nullable    = false

  validation {
    condition     = can(regex("^ELBSecurityPolicy-(TLS13-1-[23]|FS-1-2)-[A-Za-z0-9-]+$", var.ssl_policy))
    error_message = "ssl_policy must be a TLS 1.2+ ELB policy: ELBSecurityPolicy-TLS13-1-2-*, ELBSecurityPolicy-TLS13-1-3-* or ELBSecurityPolicy-FS-1-2-* (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06). Policies that allow TLS 1.0/1.1, such as ELBSecurityPolicy-2016-08, are refused (PCI DSS 4.2.1)."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Deletion protection of the ALB and the NLB (on in production)."
  nullable    = false
}

variable "idle_timeout_seconds" {
  type        = number
  description = "ALB idle timeout: seconds a connection may stay idle before the ALB closes it."
  default     = 60
  nullable    = false

  validation {
    condition     = var.idle_timeout_seconds >= 1 && var.idle_timeout_seconds <= 4000 && floor(var.idle_timeout_seconds) == var.idle_timeout_seconds
    error_message = "idle_timeout_seconds must be a whole number from 1 to 4000 (the ALB's limits)."
  }
}

variable "access_logs" {
  type = object({
    retention_days = number
  })
  description = "ALB access logs: days the log objects are kept in the access-log bucket before they expire."
  nullable    = false

  validation {
    condition     = var.access_logs.retention_days >= 1 && var.access_logs.retention_days <= 3650 && floor(var.access_logs.retention_days) == var.access_logs.retention_days
    error_message = "access_logs.retention_days must be a whole number of days from 1 to 3650."
  }
}

variable "services" {
  description = <<-EOT
    The public ECS services behind the ALB (the root passes the catalog's
    services with exposure public and a cluster other than app-runner), keyed
    by service name: the container port, the HTTP health-check path, and the
    route, either a path prefix on any host (path) or a host of its own
    (host, becoming <host>.<domain_name>). priority is an optional override
    of the hash-derived listener rule priority, needed only if two services'
    hashes collide (a precondition says so).
  EOT
  type = map(object({
    port         = number
    health_check = string
    route = object({
      path      = optional(string)
      host      = optional(string)
      sensitive = optional(bool, false)
    })
    priority = optional(number)
  }))
  nullable = false

  validation {
    condition     = alltrue([for n, s in var.services : can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", n))])
    error_message = "Service names must be DNS labels of 2-24 lower-case letters, digits and dashes, as in the catalog: ${join(", ", [for n, s in var.services : n if !can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", n))])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : s.port >= 1 && s.port <= 65535 && floor(s.port) == s.port])
    error_message = "Every service needs a whole TCP port from 1 to 65535: ${join(", ", [for n, s in var.services : n if !(s.port >= 1 && s.port <= 65535 && floor(s.port) == s.port)])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : length(s.health_check) <= 1024 && can(regex("^/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$", s.health_check))])
    error_message = "Every service needs a health_check path starting with '/' (at most 1024 URL characters, no spaces): ${join(", ", [for n, s in var.services : n if !(length(s.health_check) <= 1024 && can(regex("^/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$", s.health_check)))])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : (s.route.path == null) != (s.route.host == null)])
    error_message = "Every service's route needs exactly one of path or host: ${join(", ", [for n, s in var.services : n if(s.route.path == null) == (s.route.host == null)])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : s.route.path == null || (length(coalesce(s.route.path, "/")) <= 100 && can(regex("^(/[a-z0-9][a-z0-9._-]*)+$", coalesce(s.route.path, "/"))) && coalesce(s.route.path, "/") != "/lb-health")])
    error_message = "A route path must be a prefix like /v1/cards: one or more '/'-separated lower-case segments (letters, digits, '.', '_', '-'), no trailing '/', at most 100 characters, and not /lb-health (reserved for the NLB's health check of the ALB): ${join(", ", [for n, s in var.services : "${n} (${s.route.path})" if s.route.path != null && !(length(coalesce(s.route.path, "/")) <= 100 && can(regex("^(/[a-z0-9][a-z0-9._-]*)+$", coalesce(s.route.path, "/"))) && coalesce(s.route.path, "/") != "/lb-health")])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : s.route.host == null || can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", coalesce(s.route.host, "-")))])
    error_message = "A route host must be a single lower-case DNS label such as app (it becomes <host>.<domain_name>): ${join(", ", [for n, s in var.services : "${n} (${s.route.host})" if s.route.host != null && !can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", coalesce(s.route.host, "-")))])}."
  }

  validation {
    condition     = length(distinct([for n, s in var.services : s.route.path if s.route.path != null])) == length([for n, s in var.services : n if s.route.path != null])
    error_message = "Two services share a path; every path may route to one service only: ${join(", ", [for n, s in var.services : "${n} (${s.route.path})" if s.route.path != null && length([for m, t in var.services : m if t.route.path == s.route.path]) > 1])}."
  }

  validation {
    condition     = length(distinct([for n, s in var.services : s.route.host if s.route.host != null])) == length([for n, s in var.services : n if s.route.host != null])
    error_message = "Two services share a host; every host may route to one service only: ${join(", ", [for n, s in var.services : "${n} (${s.route.host})" if s.route.host != null && length([for m, t in var.services : m if t.route.host == s.route.host]) > 1])}."
  }

  # /v1 and /v1/cards would both match /v1/cards/x: which one wins would
  # depend on rule priorities, which are hash-derived. Nested paths are refused.
  validation {
    condition = alltrue(flatten([for n, s in var.services : [for m, t in var.services :
      !startswith("${coalesce(t.route.path, "#")}/", "${coalesce(s.route.path, "#")}/") if m != n && s.route.path != null && t.route.path != null && s.route.path != t.route.path
    ]]))
    error_message = "A route path must not be nested under another service's path (e.g. /v1 and /v1/cards): ${join(", ", flatten([for n, s in var.services : [for m, t in var.services : "${m} (${t.route.path}) under ${n} (${s.route.path})" if m != n && s.route.path != null && t.route.path != null && s.route.path != t.route.path && startswith("${coalesce(t.route.path, "#")}/", "${coalesce(s.route.path, "#")}/")]]))}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : s.priority == null || try(s.priority >= 2 && s.priority <= 50000 && floor(s.priority) == s.priority, false)])
    error_message = "A priority override must be a whole number from 2 to 50000 (1 is the NLB health-check rule's)."
  }
}

variable "domain_name" {
  type        = string
  description = "The environment's domain, e.g. develop.lookcard.com: a host route <host> answers for <host>.<domain_name>."
  nullable    = false

  validation {
    condition     = length(var.domain_name) <= 200 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name such as develop.lookcard.com."
  }
}
