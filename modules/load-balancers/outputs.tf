output "alb_arn" {
  description = "ARN of the public ALB (for the WAF web ACL association). Known after apply."
  value       = aws_lb.alb.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB (app/<name>/<id>), the LoadBalancer dimension of its CloudWatch metrics. Known after apply."
  value       = aws_lb.alb.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the ALB, for the public DNS record of its hosts. Known after apply."
  value       = aws_lb.alb.dns_name
}

output "alb_zone_id" {
  description = "Route 53 hosted zone ID of the ALB, for alias records. Known after apply."
  value       = aws_lb.alb.zone_id
}

output "https_listener_arn" {
  description = "ARN of the ALB's HTTPS (443) listener. Known after apply."
  value       = aws_lb_listener.https.arn
}

output "target_group_arns" {
  description = "Target group ARN by service, for modules/ecs-service's load_balancer.target_group_arn. Keys known at plan, values after apply."
  value       = { for n, tg in aws_lb_target_group.service : n => tg.arn }
}

output "target_group_arn_suffixes" {
  description = "Target group ARN suffix (targetgroup/<name>/<id>) by service, the TargetGroup dimension of CloudWatch metrics. Keys known at plan, values after apply."
  value       = { for n, tg in aws_lb_target_group.service : n => tg.arn_suffix }
}

output "alb_resource_labels" {
  description = "ALBRequestCountPerTarget resource label (<alb arn suffix>/<target group arn suffix>) by service, for modules/ecs-service's load_balancer.alb_resource_label. Keys known at plan, values after apply."
  value       = { for n, tg in aws_lb_target_group.service : n => "${aws_lb.alb.arn_suffix}/${tg.arn_suffix}" }
}

output "listener_rule_arns" {
  description = "ARN of the HTTPS listener rule that forwards to each service's target group, by service, for modules/ecs-service's load_balancer.listener_rule_arn (ECS and ALBRequestCountPerTarget need the target group attached first). Keys known at plan, values after apply."
  value       = { for n, r in aws_lb_listener_rule.service : n => r.arn }
}

output "listener_rule_priorities" {
  description = "Listener rule priority by service, known at plan time (hash-derived, stable when services are added)."
  value       = local.rule_priorities
}

output "nlb_arn" {
  description = "ARN of the internal NLB, the target of API Gateway's VPC link. Known after apply."
  value       = aws_lb.nlb.arn
}

output "nlb_dns_name" {
  description = "DNS name of the internal NLB. Known after apply."
  value       = aws_lb.nlb.dns_name
}

output "access_log_bucket" {
  description = "Name of the ALB access-log bucket, known at plan time."
  value       = module.access_logs_bucket.name
}

output "nlb_health_check_path" {
  description = "Path the NLB health-checks the ALB on (answered 200 by the ALB itself): a web ACL in front of the ALB must let it through, since a health check carries no origin header."
  value       = local.nlb_health_check_path
}
