# Security Hub with consolidated control findings and exactly two standards:
# AWS Foundational Security Best Practices v1.0.0 and PCI DSS v4.0.1 (the
# default standards are not enabled, so nothing else is subscribed).

locals {
  security_hub_standards = {
    aws-foundational-security-best-practices = "arn:${var.partition}:securityhub:${var.region}::standards/aws-foundational-security-best-practices/v/1.0.0"
    pci-dss                                  = "arn:${var.partition}:securityhub:${var.region}::standards/pci-dss/v/4.0.1"
  }
}

resource "aws_securityhub_account" "this" {
  count = var.audit.security_hub ? 1 : 0

  enable_default_standards  = false
  control_finding_generator = "SECURITY_CONTROL"
  auto_enable_controls      = true
}

resource "aws_securityhub_standards_subscription" "this" {
  for_each = var.audit.security_hub ? local.security_hub_standards : {}

  standards_arn = each.value

  depends_on = [aws_securityhub_account.this]
}
