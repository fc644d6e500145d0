# The private edge behind Cloudflare and API Gateway: the internal ALB (HTTPS
# only, TLS 1.2+ policy; reachable only from the NLB, see docs/request-path.md),
# one target group and listener rule per public ECS service (services.tf), the
# internal NLB that API Gateway's VPC link reaches the ALB through (nlb.tf), and
# the ALB's access-log bucket (access_logs.tf). Nothing here faces the
# internet: a public ALB would let anyone skip API keys, usage plans,
# throttling and the API's web ACL.

locals {
  # ELB names are at most 32 characters. A name that fits is used as is
  # (lookcard-develop-alb); a longer one keeps its first 25 characters and
  # gets a 6-character hash of the full name, so it stays unique.
  lb_names = { for c in ["alb", "nlb", "nlb-alb"] : c => (
    length("${var.name_prefix}-${c}") <= 32 ? "${var.name_prefix}-${c}" :
    "${replace(substr("${var.name_prefix}-${c}", 0, 25), "/-+$/", "")}-${substr(sha1("${var.name_prefix}-${c}"), 0, 6)}"
  ) }

  alb_name = local.lb_names["alb"]

  # The path the NLB health-checks the ALB on (HTTPS, through the 443
  # listener): a fixed 200 answered by the ALB itself.
  nlb_health_check_path = "/lb-health"
}

resource "aws_lb" "alb" {
  name               = local.alb_name
  load_balancer_type = "application"
  internal           = true
  ip_address_type    = "ipv4"
  subnets            = var.private_subnet_ids
  security_groups    = [var.alb_security_group_id]

  drop_invalid_header_fields = true
  desync_mitigation_mode     = "defensive"
  enable_deletion_protection = var.deletion_protection
  idle_timeout               = var.idle_timeout_seconds
  enable_http2               = true
  xff_header_processing_mode = "append"

  access_logs {
    bucket  = module.access_logs_bucket.id
    enabled = true
  }

  tags = { Name = local.alb_name }

  # ELB checks that it may write to the bucket when access logs are enabled:
  # the bucket policy (in the module) must be in place first.
  depends_on = [module.access_logs_bucket]

  lifecycle {
    precondition {
      condition     = split(":", var.certificate_arn)[3] == var.region
      error_message = "certificate_arn is in region ${split(":", var.certificate_arn)[3]}, but the ALB is in ${var.region}: an ALB needs a certificate from its own region."
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.alb.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  ssl_policy        = var.ssl_policy

  # Anything no listener rule claims is answered by the ALB itself.
  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/json"
      message_body = "{\"message\":\"Not Found\"}"
      status_code  = "404"
    }
  }

  tags = { Name = "${local.alb_name}-https" }
}

# The NLB's health check of the ALB (an alb-type target group cannot change
# its success codes, 200-399, so the 404 default would mark the ALB down).
resource "aws_lb_listener_rule" "nlb_health" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 1

  action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "ok"
      status_code  = "200"
    }
  }

  condition {
    path_pattern {
      values = [local.nlb_health_check_path]
    }
  }

  tags = { Name = "${local.alb_name}-nlb-health" }
}
