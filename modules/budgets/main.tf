# The environment's monthly AWS Budget: the same figure `lookcard cost` checks
# its estimate against (budget.monthly_usd in terraform.<env>.tfvars.json), so
# real spend is watched the way the estimate is. One budget per account (each
# environment has its own account; sandbox previews share the sandbox's).
#
# Costs are usage as AWS charges it after discounts (include_discount), before
# credits, refunds, tax and support, so an alert means the environment itself
# grew. The estimate uses list prices: the two agree while no discount applies.

resource "aws_budgets_budget" "monthly" {
  name         = "${var.name_prefix}-monthly"
  account_id   = var.account_id
  budget_type  = "COST"
  limit_amount = format("%.2f", var.budget.monthly_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_types {
    include_credit             = false
    include_refund             = false
    include_tax                = false
    include_support            = false
    include_discount           = true
    include_other_subscription = true
    include_recurring          = true
    include_subscription       = true
    include_upfront            = true
    use_amortized              = false
    use_blended                = false
  }

  # Actual spend crossing each threshold warns; crossing the budget itself
  # (100 % actual) is critical. A forecast above the budget warns early.
  dynamic "notification" {
    for_each = var.budget.actual_thresholds_percent
    content {
      comparison_operator       = "GREATER_THAN"
      threshold                 = notification.value
      threshold_type            = "PERCENTAGE"
      notification_type         = "ACTUAL"
      subscriber_sns_topic_arns = [notification.value >= 100 ? var.topic_arns.critical : var.topic_arns.warning]
    }
  }

  dynamic "notification" {
    for_each = var.budget.forecast_threshold_percent == 0 ? [] : [var.budget.forecast_threshold_percent]
    content {
      comparison_operator       = "GREATER_THAN"
      threshold                 = notification.value
      threshold_type            = "PERCENTAGE"
      notification_type         = "FORECASTED"
      subscriber_sns_topic_arns = [var.topic_arns.warning]
    }
  }

  tags = { Name = "${var.name_prefix}-monthly" }
}
