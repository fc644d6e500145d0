# The internal NLB behind API Gateway's VPC link. AWS forwards to an
# alb-type target group only from a TCP listener, so the NLB passes TLS
# through on 443 and the ALB terminates it: TLS runs unbroken from API
# Gateway to the ALB (see README).

locals {
  nlb_name    = local.lb_names["nlb"]
  nlb_tg_name = local.lb_names["nlb-alb"]
}

resource "aws_lb" "nlb" {
  name                             = local.nlb_name
  load_balancer_type               = "network"
  internal                         = true
  ip_address_type                  = "ipv4"
  subnets                          = var.private_subnet_ids
  enable_cross_zone_load_balancing = true
  enable_deletion_protection       = var.deletion_protection

  # Security groups can only be given at creation. API Gateway's VPC link
  # reaches the NLB over PrivateLink, whose sources a security group cannot
  # name, so inbound rules are not enforced on PrivateLink traffic and apply
  # to traffic from inside the VPC only (the NLB's group admits none). The
  # group is what the ALB's group admits: nothing else reaches the ALB.
  security_groups                                              = var.nlb_security_group_ids
  enforce_security_group_inbound_rules_on_private_link_traffic = "off"

  tags = { Name = local.nlb_name }
}

resource "aws_lb_target_group" "alb" {
  name        = local.nlb_tg_name
  target_type = "alb"
  protocol    = "TCP"
  port        = 443
  vpc_id      = var.vpc_id

  # Sent through the ALB's HTTPS listener to its fixed 200 rule. An alb-type
  # target group's timeout, unhealthy threshold and success codes are fixed.
  health_check {
    enabled           = true
    protocol          = "HTTPS"
    port              = "traffic-port"
    path              = local.nlb_health_check_path
    interval          = 30
    healthy_threshold = 3
  }

  tags = { Name = local.nlb_tg_name }
}

resource "aws_lb_target_group_attachment" "alb" {
  target_group_arn = aws_lb_target_group.alb.arn
  target_id        = aws_lb.alb.arn
  port             = 443

  # The ALB must have a listener on the target group's port.
  depends_on = [aws_lb_listener.https]
}

resource "aws_lb_listener" "nlb" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 443
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.alb.arn
  }

  tags = { Name = "${local.nlb_name}-443" }
}
