# Every resource is tagged through default_tags; modules add Name, Service and
# a stricter DataClassification where one applies.
provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]

  dynamic "assume_role" {
    for_each = var.deploy_role_name == null ? [] : [var.deploy_role_name]
    content {
      role_arn     = "arn:aws:iam::${var.aws_account_id}:role/${assume_role.value}"
      session_name = "lookcard-${var.environment}"
    }
  }

  default_tags {
    tags = local.tags
  }
}

# The public hosted zone lives in the separate DNS account.
provider "aws" {
  alias               = "dns"
  region              = var.aws_region
  allowed_account_ids = [var.dns_account_id]

  assume_role {
    role_arn     = "arn:aws:iam::${var.dns_account_id}:role/${var.dns_role_name}"
    session_name = "lookcard-${var.environment}-dns"
  }

  default_tags {
    tags = local.tags
  }
}

# CloudFront certificates and web ACLs must live in us-east-1.
provider "aws" {
  alias               = "us_east_1"
  region              = "us-east-1"
  allowed_account_ids = [var.aws_account_id]

  dynamic "assume_role" {
    for_each = var.deploy_role_name == null ? [] : [var.deploy_role_name]
    content {
      role_arn     = "arn:aws:iam::${var.aws_account_id}:role/${assume_role.value}"
      session_name = "lookcard-${var.environment}"
    }
  }

  default_tags {
    tags = local.tags
  }
}

# The API token comes from CLOUDFLARE_API_TOKEN, never from code or tfvars.
provider "cloudflare" {}
