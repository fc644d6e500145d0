variable "budget" {
  description = <<-EOT
    monthly_usd: the environment's monthly budget in USD, the figure
    `lookcard cost` checks its estimate against. actual_thresholds_percent:
    actual spend above these percents of the budget alerts (100 and above go
    to the critical topic, the rest to warning); forecast_threshold_percent:
    a month-end forecast above this percent warns (0 for none: an
    explicit null takes the default, 100).
  EOT
  type = object({
    monthly_usd                = number
    actual_thresholds_percent  = optional(list(number), [80, 100])
    forecast_threshold_percent = optional(number, 100)
  })
  nullable = false

  validation {
    condition     = var.budget.monthly_usd > 0
    error_message = "budget.monthly_usd must be a positive number of USD."
  }

  validation {
    condition     = length(var.budget.actual_thresholds_percent) > 0 && length(distinct(var.budget.actual_thresholds_percent)) == length(var.budget.actual_thresholds_percent) && alltrue([for t in var.budget.actual_thresholds_percent : t > 0 && t <= 1000])
    error_message = "budget.actual_thresholds_percent must be distinct percents above 0 (at most 1000)."
  }

  validation {
    condition     = var.budget.forecast_threshold_percent >= 0
    error_message = "budget.forecast_threshold_percent must be a percent above 0, or 0 for no forecast alert."
  }

  # AWS Budgets takes at most ten notifications per budget; the eleventh
  # fails after CreateBudget, leaving a half-made budget to replace.
  validation {
    condition     = length(var.budget.actual_thresholds_percent) + (var.budget.forecast_threshold_percent == 0 ? 0 : 1) <= 10
    error_message = "A budget takes at most 10 notifications: budget.actual_thresholds_percent plus the forecast threshold (when set) must number 10 or fewer."
  }
}

variable "topic_arns" {
  type = object({
    critical = string
    warning  = string
  })
  description = "Alert topics by severity (the alert-topics module's topic_arns). Their topic policy must let budgets.amazonaws.com publish, and their KMS key let it encrypt (see README)."
  nullable    = false

  validation {
    condition     = alltrue([for a in [var.topic_arns.critical, var.topic_arns.warning] : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", a))])
    error_message = "topic_arns.critical and topic_arns.warning must be SNS topic ARNs."
  }
}
