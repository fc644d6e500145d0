# The head with a moved block: the log group keeps its object.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "ap-southeast-1"
}

resource "aws_cloudwatch_log_group" "audit_trail" {
  name              = "lookcard-fixture-audit"
  retention_in_days = 30
}

resource "aws_sns_topic" "alerts" {
  name = "lookcard-fixture-alerts"
}

moved {
  from = aws_cloudwatch_log_group.audit
  to   = aws_cloudwatch_log_group.audit_trail
}
