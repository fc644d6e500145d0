# GuardDuty: the account's detector (findings published every 15 minutes)
# with Runtime Monitoring, GuardDuty managing the security agent of ECS
# Fargate tasks itself, plus S3 data events and RDS login events (Aurora).

locals {
  guardduty_features = {
    RUNTIME_MONITORING = { ECS_FARGATE_AGENT_MANAGEMENT = "ENABLED" }
    S3_DATA_EVENTS     = {}
    RDS_LOGIN_EVENTS   = {}
  }
}

resource "aws_guardduty_detector" "this" {
  count = var.audit.guardduty ? 1 : 0

  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"

  tags = { Name = "${var.name_prefix}-guardduty" }
}

resource "aws_guardduty_detector_feature" "this" {
  for_each = var.audit.guardduty ? local.guardduty_features : {}

  detector_id = aws_guardduty_detector.this[0].id
  name        = each.key
  status      = "ENABLED"

  dynamic "additional_configuration" {
    for_each = each.value

    content {
      name   = additional_configuration.key
      status = additional_configuration.value
    }
  }
}
