# Guarantees every environment keeps. `make test` runs this file once per
# environment with that environment's tfvars (-var-file).

run "names_follow_lookcard_env_component" {
  command = plan

  assert {
    condition     = output.name_prefix == "lookcard-${var.environment}"
    error_message = "Names must start lookcard-<env>."
  }
}

run "every_purpose_has_a_customer_managed_key_that_rotates" {
  command = plan

  assert {
    condition     = toset(keys(module.kms.alias_names)) == toset(["data", "crypto", "liquidity", "secrets", "logs", "audit"])
    error_message = "Keys for data, crypto, liquidity, secrets, logs and audit must exist."
  }

  assert {
    condition     = alltrue([for k in module.kms.alias_names : startswith(k, "alias/lookcard-${var.environment}-")])
    error_message = "KMS aliases must be alias/lookcard-<env>-<purpose>."
  }
}

run "preview_names_carry_the_branch_slug" {
  command = plan

  variables {
    preview = "feat1"
  }

  assert {
    condition     = output.name_prefix == "lookcard-${var.environment}-feat1"
    error_message = "A sandbox preview's names must contain its slug so two previews never collide."
  }
}

run "rejects_unknown_environment" {
  command = plan

  variables {
    environment = "prod"
  }

  expect_failures = [var.environment]
}

run "rejects_malformed_commit_hash" {
  command = plan

  variables {
    git_commit_hash = "not-a-commit"
  }

  expect_failures = [var.git_commit_hash]
}

run "rejects_malformed_account_id" {
  command = plan

  variables {
    dns_account_id = "dns-account"
  }

  expect_failures = [var.dns_account_id]
}

run "exactly_six_clusters_run_22_or_more_services" {
  command = plan

  assert {
    condition     = toset(keys(output.services_by_cluster)) == toset(["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase"])
    error_message = "There are exactly six ECS clusters."
  }

  assert {
    condition     = length(flatten(values(output.services_by_cluster))) >= 22
    error_message = "22 or more ECS services and jobs run in every environment."
  }
}

run "subnets_are_the_product_descriptions_four_tiers" {
  command = plan

  assert {
    condition = jsonencode(output.subnet_cidrs) == jsonencode({
      public   = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private  = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
    })
    error_message = "The VPC must carry exactly the product description's public, private, database and isolated subnets."
  }
}

run "every_required_interface_endpoint_exists" {
  command = plan

  assert {
    condition     = length(setsubtract(["ecr.api", "ecr.dkr", "secretsmanager", "kms", "logs", "sts", "ssm", "ssmmessages", "ec2messages", "xray"], output.interface_endpoints)) == 0
    error_message = "ECR, Secrets Manager, KMS, Logs, STS, SSM and X-Ray must be reachable through interface endpoints."
  }
}

run "every_catalog_secret_exists_and_none_has_a_value_here" {
  command = plan

  assert {
    condition     = alltrue([for k, n in output.secret_names : startswith(n, "lookcard-${var.environment}/app/")]) && length(output.secret_names) >= 8
    error_message = "Each secret a service declares exists as lookcard-<env>/app/<name>."
  }
}

run "rejects_more_nat_gateways_than_azs" {
  command = plan

  variables {
    network = { nat_gateway_count = 4 }
  }

  expect_failures = [var.network]
}

run "rejects_log_retention_cloudwatch_does_not_offer" {
  command = plan

  variables {
    logs = { retention_in_days = 42 }
  }

  expect_failures = [var.logs]
}

run "rejects_a_preview_slug_too_long_for_aws_names" {
  command = plan

  variables {
    preview = "feature-login"
  }

  expect_failures = [var.preview]
}

run "rejects_spot_with_arm64_tasks" {
  command = plan

  variables {
    compute = { cpu_architecture = "ARM64", capacity_strategy = { fargate_weight = 1, spot_weight = 1 } }
  }

  expect_failures = [var.compute]
}
