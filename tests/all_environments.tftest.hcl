# Guarantees every environment keeps. `make test` runs this file once per
# environment with that environment's tfvars (-var-file). Checks of bad input
# that no environment's tfvars change live in any_environment.tftest.hcl,
# run once per engine.
#
# A run whose assertions read only variables, a module's outputs or root
# outputs built from that module's resources plans just that module
# (plan_options.target): about 3 CPU seconds instead of 15–20 for the whole
# root. Targeting leaves out what the target does not need, and the engines
# differ there: a value that no targeted resource feeds (a root output, or a
# module output built from variables alone) is null on OpenTofu and unknown on
# Terraform, so runs that read such values stay untargeted. A wrong choice
# fails loudly on one engine or both; it cannot pass silently.
# The untargeted runs still plan the whole root with each environment's
# tfvars on both engines.

run "names_follow_lookcard_env_component" {
  command = plan

  assert {
    condition     = output.name_prefix == "lookcard-${var.environment}"
    error_message = "Names must start lookcard-<env>."
  }
}

run "every_purpose_has_a_customer_managed_key_that_rotates" {
  command = plan

  plan_options {
    target = [module.kms]
  }

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

  plan_options {
    target = [module.network]
  }

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

  plan_options {
    target = [module.network]
  }

  assert {
    # Secrets Manager everywhere: the rotation function reaches it only through
    # its endpoint. The full set where production-like; develop-size
    # environments may keep fewer (network.interface_endpoints, a cost lever):
    # the rest goes through NAT over TLS.
    condition     = length(setsubtract(contains(["staging", "production"], var.environment) ? ["ecr.api", "ecr.dkr", "secretsmanager", "kms", "logs", "sts", "ssm", "ssmmessages", "xray"] : ["secretsmanager"], output.interface_endpoints)) == 0
    error_message = "Secrets Manager must be reachable through its interface endpoint everywhere; ECR, KMS, Logs, STS, SSM and X-Ray too in staging and production."
  }
}

run "every_catalog_secret_exists_and_none_has_a_value_here" {
  command = plan

  plan_options {
    target = [module.secrets]
  }

  assert {
    condition     = alltrue([for k, n in output.secret_names : startswith(n, "lookcard-${var.environment}/app/")]) && length(output.secret_names) >= 8
    error_message = "Each secret a service declares exists as lookcard-<env>/app/<name>."
  }
}
