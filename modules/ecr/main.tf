# One private repository per service: tags are immutable, every push is
# scanned, images are encrypted with the given KMS key, and a lifecycle
# policy bounds what is kept.

locals {
  names = { for s in var.repositories : s => "${var.name_prefix}/${s}" }

  lifecycle_policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images ${var.lifecycle_policy.untagged_expiry_days} days after push"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = var.lifecycle_policy.untagged_expiry_days
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the last ${var.lifecycle_policy.keep_release_images} tagged images"
        selection = {
          tagStatus      = "tagged"
          tagPatternList = ["*"]
          countType      = "imageCountMoreThan"
          countNumber    = var.lifecycle_policy.keep_release_images
        }
        action = { type = "expire" }
      },
    ]
  })

  pull_actions = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]

  # Built from known ARNs so the policy reaches the plan as real JSON.
  # The Allow covers other accounts' roles; the Deny makes "only these roles"
  # hold inside this account too, where an identity policy alone would do.
  # It denies reading images (not BatchCheckLayerAvailability, which pushes
  # use) to every IAM principal not listed; AWS service principals are not
  # IAM principals of this account and are left to ECR's own checks.
  repository_policy = length(var.pull_principal_arns) == 0 ? null : jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowPullByListedRoles"
        Effect    = "Allow"
        Principal = { AWS = var.pull_principal_arns }
        Action    = local.pull_actions
      },
      {
        Sid       = "DenyPullToAllOtherPrincipals"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Condition = {
          StringNotEquals = { "aws:PrincipalArn" = var.pull_principal_arns }
          Bool            = { "aws:PrincipalIsAWSService" = "false" }
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "this" {
  for_each = local.names

  name                 = each.value
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key_arn
  }

  tags = { Name = each.value, Service = each.key }
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each = local.names

  repository = aws_ecr_repository.this[each.key].name
  policy     = local.lifecycle_policy
}

resource "aws_ecr_repository_policy" "this" {
  for_each = local.repository_policy == null ? {} : local.names

  repository = aws_ecr_repository.this[each.key].name
  policy     = local.repository_policy
}
