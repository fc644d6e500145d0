variable "topic_arn" {
  type = string
}

resource "aws_budgets_budget" "monthly" {
  name         = "lookcard-test-monthly"
  budget_type  = "COST"
  limit_amount = "100.00"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  notification {
    comparison_operator       = "GREATER_THAN"
    threshold                 = 100
    threshold_type            = "PERCENTAGE"
    notification_type         = "ACTUAL"
    subscriber_sns_topic_arns = [var.topic_arn]
  }
}
