# Enhanced Monitoring: RDS publishes OS metrics to CloudWatch Logs through
# this role. Only RDS monitoring acting for this account may assume it.

resource "aws_iam_role" "monitoring" {
  count = var.cluster.monitoring_interval > 0 ? 1 : 0

  name                 = "${var.name_prefix}-aurora-monitoring"
  permissions_boundary = var.permissions_boundary_arn
  description          = "Enhanced Monitoring of the ${var.name_prefix} Aurora instances"

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

  tags = { Name = "${var.name_prefix}-aurora-monitoring" }
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  count = var.cluster.monitoring_interval > 0 ? 1 : 0

  role       = aws_iam_role.monitoring[0].name
  policy_arn = "arn:${var.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}
