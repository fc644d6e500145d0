# The base of the upgrade-guard fixture: one stateful resource (a log group
# holds audit history) and one that is not. renamed/ renames the log group
# without a moved block, moved/ with one.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "ap-southeast-1"
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "lookcard-fixture-audit"
  retention_in_days = 30
}

resource "aws_sns_topic" "alerts" {
  name = "lookcard-fixture-alerts"
}
