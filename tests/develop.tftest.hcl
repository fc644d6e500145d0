# What develop guarantees: cost-optimised, single NAT.
# Targeted runs plan only the module they read (see all_environments.tftest.hcl).

run "develop_runs_a_single_nat_gateway" {
  command = plan

  plan_options {
    target = [module.network]
  }

  assert {
    condition     = output.nat_gateway_count == 1
    error_message = "Develop saves cost with a single NAT gateway."
  }
}

run "develop_serves_the_api_under_its_subdomain" {
  command = plan

  plan_options {
    target = [module.certificates_dns]
  }

  assert {
    condition     = module.certificates_dns.api_hostname == "api.develop.lookcard.com"
    error_message = "Develop's API is api.develop.lookcard.com."
  }
}
