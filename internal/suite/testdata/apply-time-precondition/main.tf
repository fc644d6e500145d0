# The shape of issue 18's first defect: a precondition over a value that AWS
# assigns (the proxy's ARN), so every plan skips it and only an apply can
# fail it. The offline rehearsal must fail here; a plan must not.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region              = "ap-southeast-1"
  allowed_account_ids = ["210000000001"]
}

variable "db_user" {
  type    = string
  default = "card-api" # the hyphenated service name, not the database user card_api
}

resource "aws_db_proxy" "this" {
  name           = "lookcard-fixture-proxy"
  engine_family  = "POSTGRESQL"
  role_arn       = "arn:aws:iam::210000000001:role/lookcard-fixture-proxy"
  vpc_subnet_ids = ["subnet-1", "subnet-2"]
}

locals {
  db_user_arn = "arn:aws:rds-db:ap-southeast-1:210000000001:dbuser:${element(split(":", aws_db_proxy.this.arn), 6)}/card_api"
}

resource "aws_iam_policy" "connect" {
  name = "lookcard-fixture-connect"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "rds-db:connect", Resource = local.db_user_arn }]
  })

  lifecycle {
    precondition {
      condition     = endswith(local.db_user_arn, "/${var.db_user}")
      error_message = "The policy must grant the service's own database user."
    }
  }
}
