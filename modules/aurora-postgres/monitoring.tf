# Enhanced Monitoring: RDS publishes OS metrics to CloudWatch Logs through
# this role. Only RDS monitoring acting for this account may assume it.

module "monitoring_role" {
  source = "../iam-role"
  count  = var.cluster.monitoring_interval > 0 ? 1 : 0

  name                     = "${var.name_prefix}-aurora-monitoring"
  description              = "Enhanced Monitoring of the ${var.name_prefix} Aurora instances"
  permissions_boundary_arn = var.permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "RdsEnhancedMonitoringOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account_id }
      }
    }]
  })

  managed_policy_arns = { enhanced-monitoring = "arn:${var.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" }

  tags = { Name = "${var.name_prefix}-aurora-monitoring" }
}
