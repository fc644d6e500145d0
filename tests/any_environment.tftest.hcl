# Bad input is refused whatever the environment: each run replaces the
# variable it checks as a whole (objects fall back to their defaults, e.g.
# three availability zones), so no environment's tfvars change the outcome.
# `make test` runs this file once per engine with sandbox's tfvars
# (internal/suite TestEnvironments/<engine>/any_environment) instead of once
# per environment. A check whose outcome depends on an environment's values
# belongs in all_environments.tftest.hcl.
#
# Each run plans only a module that reads the variable it checks
# (plan_options.target, about half the CPU of a whole-root plan): the engines
# validate a variable only where the targeted graph uses it, so a target that
# does not read it misses the expected failure, and the run fails.

run "rejects_unknown_environment" {
  command = plan

  plan_options {
    target = [module.kms]
  }

  variables {
    environment = "prod"
  }

  expect_failures = [var.environment]
}

run "rejects_malformed_commit_hash" {
  command = plan

  plan_options {
    target = [module.kms]
  }

  variables {
    git_commit_hash = "not-a-commit"
  }

  expect_failures = [var.git_commit_hash]
}

run "rejects_malformed_account_id" {
  command = plan

  plan_options {
    target = [module.certificates_dns]
  }

  variables {
    dns_account_id = "dns-account"
  }

  expect_failures = [var.dns_account_id]
}

run "rejects_more_nat_gateways_than_azs" {
  command = plan

  plan_options {
    target = [module.network]
  }

  variables {
    network = { nat_gateway_count = 4 }
  }

  expect_failures = [var.network]
}

run "rejects_log_retention_cloudwatch_does_not_offer" {
  command = plan

  plan_options {
    target = [module.ecs_clusters]
  }

  variables {
    logs = { retention_in_days = 42 }
  }

  expect_failures = [var.logs]
}

run "rejects_a_preview_slug_too_long_for_aws_names" {
  command = plan

  plan_options {
    target = [module.kms]
  }

  variables {
    preview = "feature-login"
  }

  expect_failures = [var.preview]
}

run "rejects_spot_with_arm64_tasks" {
  command = plan

  plan_options {
    target = [module.ecs_clusters]
  }

  variables {
    compute = { cpu_architecture = "ARM64", capacity_strategy = { fargate_weight = 1, spot_weight = 1 } }
  }

  expect_failures = [var.compute]
}
