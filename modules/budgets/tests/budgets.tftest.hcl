# The monthly AWS Budget follows the tfvars figure and alerts the severity
# topics. Plans only, against the real provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix = "lookcard-develop"
  account_id  = "210000000001"
  budget      = { monthly_usd = 350 }
  topic_arns = {
    critical = "arn:aws:sns:ap-southeast-1:210000000001:lookcard-develop-alerts-critical"
    warning  = "arn:aws:sns:ap-southeast-1:210000000001:lookcard-develop-alerts-warning"
  }
}

run "monthly_cost_budget_from_the_tfvars_figure" {
  command = plan

  assert {
    condition     = aws_budgets_budget.monthly.limit_amount == "350.00" && aws_budgets_budget.monthly.limit_unit == "USD" && aws_budgets_budget.monthly.time_unit == "MONTHLY" && aws_budgets_budget.monthly.budget_type == "COST"
    error_message = "The budget must be a monthly USD cost budget of budget.monthly_usd."
  }

  assert {
    condition     = aws_budgets_budget.monthly.name == "lookcard-develop-monthly" && aws_budgets_budget.monthly.account_id == "210000000001"
    error_message = "The budget is named lookcard-<env>-monthly and watches the environment's account."
  }

  assert {
    condition     = one(aws_budgets_budget.monthly.cost_types).include_tax == false && one(aws_budgets_budget.monthly.cost_types).include_credit == false && one(aws_budgets_budget.monthly.cost_types).include_support == false
    error_message = "Spend is counted like the estimate: before tax, credits and support."
  }
}

run "actual_over_budget_is_critical_earlier_thresholds_and_forecast_warn" {
  command = plan

  assert {
    condition = length(aws_budgets_budget.monthly.notification) == 3 && alltrue([
      for n in aws_budgets_budget.monthly.notification :
      n.subscriber_sns_topic_arns == toset([n.notification_type == "ACTUAL" && n.threshold >= 100 ? var.topic_arns.critical : var.topic_arns.warning])
    ])
    error_message = "80 % actual and 100 % forecast must warn; 100 % actual must page the critical topic."
  }
}

run "refuses_a_zero_budget" {
  command = plan

  variables {
    budget = { monthly_usd = 0 }
  }

  expect_failures = [var.budget]
}

run "refuses_more_than_ten_notifications" {
  command = plan

  variables {
    budget = { monthly_usd = 350, actual_thresholds_percent = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] }
  }

  expect_failures = [var.budget]
}

run "takes_ten_notifications_when_the_forecast_is_0" {
  command = plan

  variables {
    budget = { monthly_usd = 350, actual_thresholds_percent = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], forecast_threshold_percent = 0 }
  }

  assert {
    condition     = length(aws_budgets_budget.monthly.notification) == 10 && alltrue([for n in aws_budgets_budget.monthly.notification : n.notification_type == "ACTUAL"])
    error_message = "Ten actual thresholds and no forecast are ten notifications, AWS's limit."
  }
}

run "an_explicit_null_forecast_takes_the_default" {
  command = plan

  variables {
    budget = { monthly_usd = 350, forecast_threshold_percent = null }
  }

  assert {
    condition     = length([for n in aws_budgets_budget.monthly.notification : n if n.notification_type == "FORECASTED" && n.threshold == 100]) == 1
    error_message = "optional(number, 100) turns an explicit null into 100 on both engines: 0, not null, turns the forecast alert off."
  }
}
