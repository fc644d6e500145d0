output "budget_name" {
  description = "Name of the monthly budget, <name_prefix>-monthly."
  value       = aws_budgets_budget.monthly.name
}

output "limit_usd" {
  description = "The budget's monthly limit in USD, as sent to AWS Budgets."
  value       = aws_budgets_budget.monthly.limit_amount
}
