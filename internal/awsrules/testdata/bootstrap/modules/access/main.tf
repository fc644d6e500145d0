variable "name_prefix" {
  type        = string
  description = "Role name prefix."
}

locals {
  role_names = {
    deploy = "${var.name_prefix}-deploy"
    admin  = "${var.name_prefix}-admin"
  }
}

resource "aws_iam_role" "deploy" {
  name               = local.role_names.deploy
  assume_role_policy = "{}"
}

resource "aws_iam_role" "admin" {
  count              = 1
  name               = local.role_names.admin
  assume_role_policy = "{}"
}
