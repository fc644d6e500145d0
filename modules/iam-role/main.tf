# One IAM role, built the same way everywhere: its trust policy, the
# environment's permissions boundary, its inline policies and managed policy
# attachments, and both exclusive guards, so that a policy put on or attached
# to the role outside Terraform is removed on the next apply (PCI DSS 7.2.5:
# the role holds what the code says and nothing else).

locals {
  # One statement for the trusted services, with the confused-deputy
  # condition when the caller names the account they must act for.
  service_statements = length(var.trusted_services) == 0 ? [] : [merge(
    {
      Sid       = "TrustedServices"
      Effect    = "Allow"
      Principal = { Service = sort(var.trusted_services) }
      Action    = "sts:AssumeRole"
    },
    var.trusted_source_account == null ? {} : {
      Condition = { StringEquals = { "aws:SourceAccount" = var.trusted_source_account } }
    },
  )]

  # A given trust policy alone is used verbatim, so that a role moved into
  # this module keeps its exact document.
  assume_role_policy = length(var.trusted_services) == 0 ? var.assume_role_policy : jsonencode({
    Version   = "2012-10-17"
    Statement = concat(flatten([try(jsondecode(var.assume_role_policy).Statement, [])]), local.service_statements)
  })
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = var.description
  permissions_boundary = var.permissions_boundary_arn
  max_session_duration = var.max_session_duration
  assume_role_policy   = local.assume_role_policy

  tags = var.tags

  lifecycle {
    precondition {
      condition     = local.assume_role_policy != null
      error_message = "Role ${var.name} has no trust policy: give trusted_services, assume_role_policy, or both."
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = var.inline_policies

  name   = lookup(var.inline_policy_names, each.key, each.key)
  role   = aws_iam_role.this.name
  policy = each.value

  lifecycle {
    # Two keys under one IAM name would write one policy twice: the last
    # write wins and the plan never settles.
    precondition {
      condition     = length(distinct([for k in keys(var.inline_policies) : lookup(var.inline_policy_names, k, k)])) == length(var.inline_policies)
      error_message = "Two inline policies of role ${var.name} have the same IAM name (inline_policy_names maps a key onto another policy's name): give each its own name."
    }
  }
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = var.managed_policy_arns

  role       = aws_iam_role.this.name
  policy_arn = each.value
}

# Removes any inline policy added to the role outside this module.
resource "aws_iam_role_policies_exclusive" "this" {
  role_name    = aws_iam_role.this.name
  policy_names = [for p in aws_iam_role_policy.this : p.name]

  lifecycle {
    precondition {
      condition     = length(setsubtract(keys(var.inline_policy_names), keys(var.inline_policies))) == 0
      error_message = "inline_policy_names names ${join(", ", setsubtract(keys(var.inline_policy_names), keys(var.inline_policies)))}, which inline_policies does not have: rename only policies that exist."
    }
  }
}

# Detaches any managed policy attached to the role outside this module.
resource "aws_iam_role_policy_attachments_exclusive" "this" {
  role_name   = aws_iam_role.this.name
  policy_arns = [for a in aws_iam_role_policy_attachment.this : a.policy_arn]
}
