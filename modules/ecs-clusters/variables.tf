variable "clusters" {
  type        = list(string)
  description = "The ECS clusters, by short name. Must be exactly core-application, composite-application, listener, administrative, cronjob and supabase (the catalog's ECS clusters; the web app runs on App Runner)."
  nullable    = false

  validation {
    condition = length(var.clusters) == 6 && toset(var.clusters) == toset([
      "core-application", "composite-application", "listener", "administrative", "cronjob", "supabase",
    ])
    error_message = "clusters must list each of core-application, composite-application, listener, administrative, cronjob and supabase exactly once, and nothing else."
  }
}

variable "container_insights" {
  type        = string
  description = "CloudWatch Container Insights on every cluster: enhanced (per-task and per-container metrics), enabled (cluster and service metrics) or disabled."
  nullable    = false

  validation {
    condition     = contains(["enhanced", "enabled", "disabled"], var.container_insights)
    error_message = "container_insights must be enhanced, enabled or disabled (ECS's containerInsights setting values)."
  }
}

variable "capacity_strategy" {
  type = object({
    fargate_base   = optional(number, 1)
    fargate_weight = number
    spot_weight    = number
  })
  description = <<-EOT
    Default capacity provider strategy of every cluster: fargate_base tasks
    always run on FARGATE (on-demand), the rest are spread FARGATE :
    FARGATE_SPOT in the ratio fargate_weight : spot_weight. A spot_weight of 0
    leaves FARGATE_SPOT out of the default strategy (services can still ask
    for it explicitly).
  EOT
  nullable    = false

  validation {
    condition = alltrue([for w in [var.capacity_strategy.fargate_weight, var.capacity_strategy.spot_weight] :
    w >= 0 && w <= 1000 && floor(w) == w])
    error_message = "capacity_strategy.fargate_weight and capacity_strategy.spot_weight must be whole numbers from 0 to 1000."
  }

  validation {
    condition     = var.capacity_strategy.fargate_weight > 0 || var.capacity_strategy.spot_weight > 0
    error_message = "capacity_strategy: at least one of fargate_weight and spot_weight must be greater than 0, or no task beyond the base could be placed."
  }

  validation {
    condition     = var.capacity_strategy.fargate_base >= 0 && var.capacity_strategy.fargate_base <= 100000 && floor(var.capacity_strategy.fargate_base) == var.capacity_strategy.fargate_base
    error_message = "capacity_strategy.fargate_base must be a whole number from 0 to 100000 (ECS's limits)."
  }
}

