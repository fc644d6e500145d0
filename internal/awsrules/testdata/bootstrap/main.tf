# Fixture: a bootstrap root like bootstrap/, for BootstrapResources.
variable "account_name" {
  type        = string
  description = "Environment."
}

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

module "access" {
  source      = "./modules/access"
  name_prefix = "lookcard-${var.account_name}"
}
