# Fixture: the same configuration with every HCL rule kept.
module "lb" {
  source       = "./modules/lb"
  name         = "svc"
  listener_arn = "arn:aws:elasticloadbalancing:ap-southeast-1:111111111111:listener/app/x/1/2"
}

module "service" {
  source = "./modules/service"
  name   = "lookcard-test-svc"
  load_balancer = {
    target_group_arn  = module.lb.target_group_arn
    listener_rule_arn = module.lb.listener_rule_arn
  }
  parameter_group_name = "lookcard-test-pg16-${substr(sha1(jsonencode({ family = "postgres16" })), 0, 8)}"
}

resource "aws_security_group" "prefixed" {
  name_prefix = "lookcard-test-fixed-"
  vpc_id      = "vpc-1"

  lifecycle {
    create_before_destroy = true
  }
}

# A fixed name is fine without create_before_destroy.
resource "aws_iam_role" "fixed" {
  name               = "lookcard-test-role"
  assume_role_policy = "{}"
}

# The budget's topic policies are declared two calls down (alerts -> topics);
# depends_on on the alerts module orders the budget after them.
module "alerts" {
  source = "./modules/alerts"
}

module "budget" {
  source     = "./modules/budget"
  topic_arn  = "arn:aws:sns:ap-southeast-1:111111111111:lookcard-test-alerts"
  depends_on = [module.alerts]
}
