# Guarantees of the ECR module, planned against the real AWS provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix  = "lookcard-test"
  account_id   = "123456789012"
  region       = "ap-southeast-1"
  repositories = ["card-api", "config-api", "web-app"]
  kms_key_arn  = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  lifecycle_policy = {
    keep_release_images  = 25
    untagged_expiry_days = 3
  }
}

run "every_repository_is_immutable" {
  command = plan

  assert {
    condition     = length(aws_ecr_repository.this) == 3 && alltrue([for r in aws_ecr_repository.this : r.image_tag_mutability == "IMMUTABLE"])
    error_message = "Every repository must have immutable tags."
  }

  assert {
    condition     = alltrue([for r in aws_ecr_repository.this : r.force_delete == false])
    error_message = "No repository may be force-deleted with its images."
  }
}

run "every_repository_is_scanned_on_push" {
  command = plan

  assert {
    condition     = alltrue([for r in aws_ecr_repository.this : r.image_scanning_configuration[0].scan_on_push])
    error_message = "Every repository must scan images on push."
  }
}

run "every_repository_is_encrypted_with_the_key" {
  command = plan

  assert {
    condition = alltrue([for r in aws_ecr_repository.this :
      r.encryption_configuration[0].encryption_type == "KMS" &&
      r.encryption_configuration[0].kms_key == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    ])
    error_message = "Every repository must be KMS-encrypted with the given key."
  }
}

run "lifecycle_expires_untagged_images_after_the_given_days" {
  command = plan

  assert {
    condition = alltrue([for p in aws_ecr_lifecycle_policy.this : anytrue([for r in jsondecode(p.policy).rules :
      r.selection.tagStatus == "untagged" && r.selection.countType == "sinceImagePushed" &&
      try(r.selection.countUnit, null) == "days" && r.selection.countNumber == 3 && r.action.type == "expire"
    ])]) && length(aws_ecr_lifecycle_policy.this) == 3
    error_message = "Every repository must expire untagged images 3 days after push."
  }
}

run "lifecycle_keeps_the_last_n_tagged_images" {
  command = plan

  assert {
    condition = alltrue([for p in aws_ecr_lifecycle_policy.this : anytrue([for r in jsondecode(p.policy).rules :
      r.selection.tagStatus == "tagged" && try(r.selection.tagPatternList, null) == ["*"] &&
      r.selection.countType == "imageCountMoreThan" && r.selection.countNumber == 25 && r.action.type == "expire"
    ])])
    error_message = "Every repository must keep the last 25 images tagged with any tag and expire older ones."
  }
}

run "lifecycle_defaults_are_30_images_and_7_days" {
  command = plan

  variables {
    lifecycle_policy = {}
  }

  assert {
    condition     = [for r in jsondecode(aws_ecr_lifecycle_policy.this["card-api"].policy).rules : r.selection.countNumber] == [7, 30]
    error_message = "By default untagged images expire after 7 days and the last 30 tagged images are kept."
  }
}

run "names_are_lookcard_env_slash_service" {
  command = plan

  assert {
    condition     = output.repository_names == { card-api = "lookcard-test/card-api", config-api = "lookcard-test/config-api", web-app = "lookcard-test/web-app" }
    error_message = "Repositories must be named <name_prefix>/<service>, known at plan."
  }

  assert {
    condition     = output.repository_arns["card-api"] == "arn:aws:ecr:ap-southeast-1:123456789012:repository/lookcard-test/card-api"
    error_message = "Repository ARNs must be built from the region, account and name."
  }

  assert {
    condition     = aws_ecr_repository.this["web-app"].tags["Name"] == "lookcard-test/web-app" && aws_ecr_repository.this["web-app"].tags["Service"] == "web-app"
    error_message = "Each repository carries Name and Service tags."
  }
}

run "no_repository_policy_without_pull_principals" {
  command = plan

  assert {
    condition     = length(aws_ecr_repository_policy.this) == 0
    error_message = "Without pull principals there must be no repository policy."
  }
}

run "only_listed_principals_may_pull" {
  command = plan

  variables {
    pull_principal_arns = [
      "arn:aws:iam::123456789012:role/lookcard-test-card-api-execution",
      "arn:aws:iam::123456789012:role/lookcard-test-web-app-access",
    ]
  }

  assert {
    condition     = length(aws_ecr_repository_policy.this) == 3
    error_message = "Every repository must get the pull policy."
  }

  assert {
    condition = one([for s in jsondecode(aws_ecr_repository_policy.this["card-api"].policy).Statement : s if s.Effect == "Allow"]).Principal.AWS == [
      "arn:aws:iam::123456789012:role/lookcard-test-card-api-execution",
      "arn:aws:iam::123456789012:role/lookcard-test-web-app-access",
    ]
    error_message = "The only Allow must name exactly the listed roles."
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_ecr_repository_policy.this["card-api"].policy).Statement :
      alltrue([for a in s.Action : contains(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], a)])
    ])
    error_message = "The repository policy may concern pull actions only."
  }

  assert {
    condition = one([for s in jsondecode(aws_ecr_repository_policy.this["card-api"].policy).Statement : s if s.Effect == "Deny"]).Condition.StringNotEquals["aws:PrincipalArn"] == [
      "arn:aws:iam::123456789012:role/lookcard-test-card-api-execution",
      "arn:aws:iam::123456789012:role/lookcard-test-web-app-access",
    ]
    error_message = "Image pulls must be denied to every principal but the listed roles."
  }
}

run "rejects_a_repository_name_that_is_not_a_dns_label" {
  command = plan

  variables {
    repositories = ["Card_API"]
  }

  expect_failures = [var.repositories]
}

run "rejects_keeping_zero_release_images" {
  command = plan

  variables {
    lifecycle_policy = { keep_release_images = 0 }
  }

  expect_failures = [var.lifecycle_policy]
}

run "rejects_an_alias_as_the_key" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-data"
  }

  expect_failures = [var.kms_key_arn]
}

run "rejects_a_wildcard_pull_principal" {
  command = plan

  variables {
    pull_principal_arns = ["arn:aws:iam::123456789012:role/*"]
  }

  expect_failures = [var.pull_principal_arns]
}
