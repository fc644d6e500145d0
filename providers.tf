# Every resource is tagged through default_tags; modules add Name, Service and
# a stricter DataClassification where one applies.
#
# One credential chain: every change is made as bootstrap/'s deploy role. CI
# already is that role (OIDC; the plan job is the read-only plan role) and sets
# TF_VAR_assume_deploy_role=false, since a role cannot assume itself. People
# run with the admin role (MFA) and the providers assume the deploy role.
provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]

  dynamic "assume_role" {
    for_each = var.assume_deploy_role && var.deploy_role_name != null ? [var.deploy_role_name] : []
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
    for_each = var.assume_deploy_role && var.deploy_role_name != null ? [var.deploy_role_name] : []
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
