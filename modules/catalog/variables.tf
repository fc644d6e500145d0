variable "environment" {
  type        = string
  description = "Environment whose capacity overrides apply."
  nullable    = false

  validation {
    condition     = contains(["develop", "testing", "staging", "production", "sandbox"], var.environment)
    error_message = "environment must be one of develop, testing, staging, production, sandbox."
  }
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
    condition     = alltrue([for n, s in var.services : contains(["public", "internal", "none"], s.exposure) && (s.exposure != "public" || (s.route != null && ((try(s.route.path, null) == null) != (try(s.route.host, null) == null))))])
    error_message = "Bad exposure for: ${join(", ", [for n, s in var.services : n if !(contains(["public", "internal", "none"], s.exposure) && (s.exposure != "public" || (s.route != null && ((try(s.route.path, null) == null) != (try(s.route.host, null) == null)))))])}. exposure is public, internal or none; a public service needs route.path or route.host (exactly one)."
  }

  validation {
    condition     = alltrue([for n, s in var.services : !contains(["api", "web"], s.kind) || (s.port != null && s.health_check != null && can(regex("^/", coalesce(s.health_check, "x"))))])
    error_message = "Services of kind api or web need a port and a health_check path starting with '/': ${join(", ", [for n, s in var.services : n if !(!contains(["api", "web"], s.kind) || (s.port != null && s.health_check != null && can(regex("^/", coalesce(s.health_check, "x")))))])}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : s.container_health_check == "none" || can(regex("^CMD( [^ ]+)+$", s.container_health_check)) || can(regex("^CMD-SHELL [^ ].*$", s.container_health_check))])
    error_message = "container_health_check must be none, \"CMD <executable> <args...>\" (exec form: no shell, arguments separated by single spaces) or \"CMD-SHELL <command line>\" (needs /bin/sh and every tool the line calls in the image): ${join(", ", [for n, s in var.services : "${n} (${s.container_health_check})" if !(s.container_health_check == "none" || can(regex("^CMD( [^ ]+)+$", s.container_health_check)) || can(regex("^CMD-SHELL [^ ].*$", s.container_health_check)))])}."
  }

  validation {
    condition     = length(distinct([for n, s in var.services : "${coalesce(try(s.route.host, null), "api")}${coalesce(try(s.route.path, null), "/")}" if s.exposure == "public"])) == length([for n, s in var.services : n if s.exposure == "public"])
    error_message = "Two public services share a host and path: ${join(", ", [for n, s in var.services : "${n} (${coalesce(try(s.route.host, null), "api")}${coalesce(try(s.route.path, null), "/")})" if s.exposure == "public"])}. Give each its own route."
  }

  validation {
    condition     = alltrue(flatten([for n, s in var.services : [for c in s.callers : contains(keys(var.services), c) && c != n]]))
    error_message = "Callers that are not services in the catalog (or a service calling itself): ${join(", ", flatten([for n, s in var.services : [for c in s.callers : "${n}.callers: ${c}" if !contains(keys(var.services), c) || c == n]]))}."
  }

  validation {
    condition     = alltrue([for n, s in var.services : (s.kind == "job") == (s.schedule != null)])
    error_message = "Scheduled jobs need a schedule, and only jobs may have one: ${join(", ", [for n, s in var.services : n if(s.kind == "job") != (s.schedule != null)])}."
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

  validation {
    condition = alltrue([for n, s in var.services : contains(keys(s.capacity), "default") && alltrue([
      for f in ["cpu", "memory", "desired", "min", "max"] : try(s.capacity["default"][f], null) != null
    ]) && alltrue([for e, _ in s.capacity : contains(["default", "develop", "testing", "staging", "production", "sandbox"], e)])])
    error_message = "Every service needs capacity.default with cpu, memory, desired, min and max; overrides may be keyed only by environment name: ${join(", ", [for n, s in var.services : n if !(contains(keys(s.capacity), "default") && alltrue([for e, _ in s.capacity : contains(["default", "develop", "testing", "staging", "production", "sandbox"], e)]))])}."
  }

  # Every environment's merged capacity: min <= desired <= max.
  validation {
    condition = alltrue(flatten([for n, s in var.services : [for e in ["develop", "testing", "staging", "production", "sandbox"] : (
      coalesce(try(s.capacity[e].min, null), try(s.capacity["default"].min, null), 0) <= coalesce(try(s.capacity[e].desired, null), try(s.capacity["default"].desired, null), 0) &&
      coalesce(try(s.capacity[e].desired, null), try(s.capacity["default"].desired, null), 0) <= coalesce(try(s.capacity[e].max, null), try(s.capacity["default"].max, null), 0)
    )]]))
    error_message = "min <= desired <= max must hold in every environment for: ${join(", ", distinct(flatten([for n, s in var.services : [for e in ["develop", "testing", "staging", "production", "sandbox"] : "${n} (${e})" if !(coalesce(try(s.capacity[e].min, null), try(s.capacity["default"].min, null), 0) <= coalesce(try(s.capacity[e].desired, null), try(s.capacity["default"].desired, null), 0) && coalesce(try(s.capacity[e].desired, null), try(s.capacity["default"].desired, null), 0) <= coalesce(try(s.capacity[e].max, null), try(s.capacity["default"].max, null), 0))]])))}."
  }

  # Fargate offers only these CPU/memory pairs (MiB): 256 with 512-2048, 512
  # with 1-4 GiB, 1024 with 2-8 GiB, 2048 with 4-16 GiB, 4096 with 8-30 GiB in
  # 1 GiB steps; 8192 with 16-60 GiB in 4 GiB steps; 16384 with 32-120 GiB in 8 GiB steps.
  validation {
    condition = alltrue(flatten([for n, s in var.services : [for e in ["develop", "testing", "staging", "production", "sandbox"] : contains(lookup({
      "256"   = [512, 1024, 2048]
      "512"   = [for g in range(1, 5) : g * 1024]
      "1024"  = [for g in range(2, 9) : g * 1024]
      "2048"  = [for g in range(4, 17) : g * 1024]
      "4096"  = [for g in range(8, 31) : g * 1024]
      "8192"  = [for g in range(16, 61, 4) : g * 1024]
      "16384" = [for g in range(32, 121, 8) : g * 1024]
      }, tostring(coalesce(try(s.capacity[e].cpu, null), try(s.capacity["default"].cpu, null), 0)), []),
    coalesce(try(s.capacity[e].memory, null), try(s.capacity["default"].memory, null), 0))] if s.cluster != "app-runner"]))
    error_message = "A Fargate CPU/memory pair that Fargate does not offer: ${join(", ", distinct(flatten([for n, s in var.services : [for e in ["develop", "testing", "staging", "production", "sandbox"] : "${n} (${e}: cpu ${coalesce(try(s.capacity[e].cpu, null), try(s.capacity["default"].cpu, null), 0)}, memory ${coalesce(try(s.capacity[e].memory, null), try(s.capacity["default"].memory, null), 0)})" if !contains(lookup({ "256" = [512, 1024, 2048], "512" = [for g in range(1, 5) : g * 1024], "1024" = [for g in range(2, 9) : g * 1024], "2048" = [for g in range(4, 17) : g * 1024], "4096" = [for g in range(8, 31) : g * 1024], "8192" = [for g in range(16, 61, 4) : g * 1024], "16384" = [for g in range(32, 121, 8) : g * 1024] }, tostring(coalesce(try(s.capacity[e].cpu, null), try(s.capacity["default"].cpu, null), 0)), []), coalesce(try(s.capacity[e].memory, null), try(s.capacity["default"].memory, null), 0))] if s.cluster != "app-runner"])))}. See https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size."
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
