variable "environment" {
  type        = string
  description = "Environment whose capacity overrides apply."
  nullable    = false
  # One of local.environments: checked by a precondition of output "services"
  # (a validation may not read a local on Terraform 1.7 or OpenTofu 1.8).
}

variable "services" {
  description = "The service catalog (catalog/services.yaml, decoded). See that file for what each field means."
  type = map(object({
    cluster                = string
    kind                   = string
    port                   = optional(number)
    health_check           = optional(string, "/health")
    container_health_check = optional(string, "none")
    exposure               = optional(string, "none")
    route = optional(object({
      path      = optional(string)
      host      = optional(string)
      sensitive = optional(bool, false)
    }))
    callers  = optional(list(string), [])
    database = optional(bool, false)
    redis    = optional(bool, false)
    tables = optional(map(object({
      hash_key  = string
      range_key = optional(string)
      ttl       = optional(string)
      stream    = optional(bool, false)
    })), {})
    secrets  = optional(list(string), [])
    kms      = optional(list(string), [])
    schedule = optional(string)
    capacity = map(object({
      cpu     = optional(number)
      memory  = optional(number)
      desired = optional(number)
      min     = optional(number)
      max     = optional(number)
    }))
  }))
  nullable = false

  # Here: the shape of one field at a time, checked before anything reads the
  # catalog. Rules across fields, services or environments are the named
  # locals in rules.tf, checked by the precondition of output "services".

  validation {
    condition     = alltrue([for n, s in var.services : can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", n))])
    error_message = "Service names must be DNS labels of 2-24 lower-case letters, digits and dashes (they become Cloud Map names and parts of AWS resource names): ${join(", ", [for n, s in var.services : n if !can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", n))])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : contains(["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase", "app-runner"], s.cluster)])
    error_message = "Unknown cluster for: ${join(", ", [for n, s in var.services : "${n} (cluster ${s.cluster})" if !contains(["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase", "app-runner"], s.cluster)])}. Use core-application, composite-application, listener, administrative, cronjob, supabase or app-runner."
  }

  validation {
    condition     = alltrue([for n, s in var.services : contains(["api", "listener", "worker", "job", "web"], s.kind)])
    error_message = "Unknown kind for: ${join(", ", [for n, s in var.services : "${n} (kind ${s.kind})" if !contains(["api", "listener", "worker", "job", "web"], s.kind)])}. Use api, listener, worker, job or web."
  }

  validation {
    condition     = alltrue([for n, s in var.services : contains(["public", "internal", "none"], s.exposure)])
    error_message = "Unknown exposure for: ${join(", ", [for n, s in var.services : "${n} (exposure ${s.exposure})" if !contains(["public", "internal", "none"], s.exposure)])}. Use public, internal or none."
  }

  validation {
    condition     = alltrue([for n, s in var.services : s.container_health_check == "none" || can(regex("^CMD( [^ ]+)+$", s.container_health_check)) || can(regex("^CMD-SHELL [^ ].*$", s.container_health_check))])
    error_message = "container_health_check must be none, \"CMD <executable> <args...>\" (exec form: no shell, arguments separated by single spaces) or \"CMD-SHELL <command line>\" (needs /bin/sh and every tool the line calls in the image): ${join(", ", [for n, s in var.services : "${n} (${s.container_health_check})" if !(s.container_health_check == "none" || can(regex("^CMD( [^ ]+)+$", s.container_health_check)) || can(regex("^CMD-SHELL [^ ].*$", s.container_health_check)))])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : s.schedule == null || can(regex("^(cron\\(.+\\)|rate\\([0-9]+ (minute|minutes|hour|hours|day|days)\\))$", coalesce(s.schedule, "x")))])
    error_message = "A schedule must be an EventBridge Scheduler cron(...) or rate(...) expression: ${join(", ", [for n, s in var.services : "${n} (${s.schedule})" if s.schedule != null && !can(regex("^(cron\\(.+\\)|rate\\([0-9]+ (minute|minutes|hour|hours|day|days)\\))$", coalesce(s.schedule, "x")))])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : alltrue([for k in s.kms : contains(["crypto", "liquidity"], k)])])
    error_message = "kms may name only the purpose keys crypto and liquidity (data, secrets and logs are granted through their services): ${join(", ", [for n, s in var.services : n if !alltrue([for k in s.kms : contains(["crypto", "liquidity"], k)])])}."
  }

  validation {
    condition     = alltrue(flatten([for n, s in var.services : [for t, _ in s.tables : can(regex("^[a-z][a-z0-9-]{1,40}$", t))]])) && alltrue(flatten([for n, s in var.services : [for sec in s.secrets : can(regex("^[a-z][a-z0-9-]{1,60}$", sec))]]))
    error_message = "Table and secret names must be lower-case letters, digits and dashes."
  }

  # Checked here, not in rules.tf: resolving capacity (main.tf) reads every
  # field of capacity.default.
  validation {
    condition     = alltrue([for n, s in var.services : alltrue([for f in ["cpu", "memory", "desired", "min", "max"] : try(s.capacity["default"][f], null) != null])])
    error_message = "Every service needs capacity.default with cpu, memory, desired, min and max: ${join(", ", [for n, s in var.services : n if !alltrue([for f in ["cpu", "memory", "desired", "min", "max"] : try(s.capacity["default"][f], null) != null])])}."
  }
}

variable "rotating_secrets" {
  type        = list(string)
  description = "Secrets the platform generates itself and rotates on a schedule (catalog/services.yaml's rotating_secrets). Each must be a secret some service reads; any other secret holds a third party's credential and is rotated by its owner."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.rotating_secrets : can(regex("^[a-z][a-z0-9-]{1,60}$", s))]) && length(distinct(var.rotating_secrets)) == length(var.rotating_secrets)
    error_message = "rotating_secrets must be distinct secret names in lower-case letters, digits and dashes, such as jwt-signing-key."
  }
}
