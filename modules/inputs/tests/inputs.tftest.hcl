# The shared inputs' rules, tested once here for every module that links them
# (each module's own tests still refuse bad values through its links). The
# valid values are in fixture.auto.tfvars; each run breaks exactly one.

run "accepts_valid_inputs" {
  command = plan

  assert {
    condition     = var.name_prefix == "lookcard-develop" && var.logs.retention_in_days == 365 && var.partition == "aws"
    error_message = "The valid fixture must plan unchanged."
  }
}

run "accepts_a_preview_prefix_and_no_boundary_or_header" {
  command = plan

  variables {
    name_prefix               = "lookcard-sandbox-feat1"
    permissions_boundary_arn  = null
    origin_verify_header_name = null
  }

  assert {
    condition     = var.permissions_boundary_arn == null && var.origin_verify_header_name == null
    error_message = "Null boundary (tests) and null header (no edge) are allowed."
  }
}

# One run breaks every input at once: expect_failures fails the run if any
# one of them is accepted, and names it.
run "rejects_each_malformed_input" {
  command = plan

  variables {
    name_prefix               = "acme-develop"
    account_id                = "12345678901"
    region                    = "ap-southeast-1a"
    partition                 = "aws-eu"
    permissions_boundary_arn  = "arn:aws:iam::aws:policy/AdministratorAccess"
    logs                      = { kms_key_arn = "alias/lookcard-develop-logs", retention_in_days = 365 }
    environment               = "prod"
    availability_zones        = ["ap-southeast-1a", "ap-southeast-1a"]
    vpc_id                    = "vpc-XYZ"
    origin_verify_header_name = "X-Origin-Verify"
  }

  expect_failures = [
    var.name_prefix,
    var.account_id,
    var.region,
    var.partition,
    var.permissions_boundary_arn,
    var.logs,
    var.environment,
    var.availability_zones,
    var.vpc_id,
    var.origin_verify_header_name,
  ]
}

# logs has two rules: the key above, the retention here.
run "rejects_a_retention_cloudwatch_does_not_offer" {
  command = plan

  variables {
    logs = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444", retention_in_days = 42 }
  }

  expect_failures = [var.logs]
}
