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
