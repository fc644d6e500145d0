terraform {
  required_providers {
    aws        = { source = "hashicorp/aws", version = "~> 6.0" }
    cloudflare = { source = "cloudflare/cloudflare", version = "~> 5.0" }
  }
}

provider "aws" {
  region = "ap-southeast-1"
  default_tags {
    tags = { Project = "lookcard", Environment = "develop" }
  }
}

provider "cloudflare" {}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "new" {
  description             = "created"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = { Name = "new" }
}

resource "aws_kms_key" "existing" {
  description         = "updated description"
  enable_key_rotation = true
  tags                = { Name = "existing" }
}

resource "aws_s3_bucket" "logs" {
  bucket = "lookcard-develop-logs-${data.aws_region.current.region}"
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "cloudflare_dns_record" "api" {
  zone_id = "0123456789abcdef0123456789abcdef"
  name    = "api.develop.lookcard.com"
  type    = "CNAME"
  content = "d-abc.execute-api.ap-southeast-1.amazonaws.com"
  ttl     = 1
  proxied = true
}

output "azs" { value = data.aws_availability_zones.available.names }
