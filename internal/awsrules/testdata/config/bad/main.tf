# Fixture: every HCL rule broken once. Never planned; read by awsrules tests.
module "lb" {
  source       = "./modules/lb"
  name         = "svc"
  listener_arn = "arn:aws:elasticloadbalancing:ap-southeast-1:111111111111:listener/app/x/1/2"
}

module "service" {
  source = "./modules/service"
  name   = "lookcard-test-svc"
  # Only the target group: nothing orders the service after the rule.
  load_balancer = { target_group_arn = module.lb.target_group_arn }
}

resource "aws_security_group" "fixed" {
  name   = "lookcard-test-fixed"
  vpc_id = "vpc-1"

  lifecycle {
    create_before_destroy = true
  }
}

# A topic policy exists, but nothing orders the budget after it: the ARN is
# a string known before the topic is.
resource "aws_sns_topic_policy" "alerts" {
  arn    = "arn:aws:sns:ap-southeast-1:111111111111:lookcard-test-alerts"
  policy = "{}"
}

resource "aws_budgets_budget" "monthly" {
  name         = "lookcard-test-monthly"
  budget_type  = "COST"
  limit_amount = "100.00"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  dynamic "notification" {
    for_each = [80, 100]
    content {
      comparison_operator       = "GREATER_THAN"
      threshold                 = notification.value
      threshold_type            = "PERCENTAGE"
      notification_type         = "ACTUAL"
      subscriber_sns_topic_arns = ["arn:aws:sns:ap-southeast-1:111111111111:lookcard-test-alerts"]
    }
  }
}
