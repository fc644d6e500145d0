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
    condition     = toset(keys(module.kms.alias_names)) == toset(["data", "crypto", "liquidity", "secrets", "logs"])
    error_message = "Keys for data, crypto, liquidity, secrets and logs must exist."
  }

  assert {
    condition     = alltrue([for k in module.kms.alias_names : startswith(k, "alias/lookcard-${var.environment}-")])
    error_message = "KMS aliases must be alias/lookcard-<env>-<purpose>."
  }
}

run "preview_names_carry_the_branch_slug" {
  command = plan

  variables {
    preview = "feat-login"
  }

  assert {
    condition     = output.name_prefix == "lookcard-${var.environment}-feat-login"
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
