# What staging guarantees: production-like availability at reduced capacity.
# Targeted runs plan only the module they read (see all_environments.tftest.hcl).

run "staging_has_a_nat_gateway_per_az" {
  command = plan

  plan_options {
    target = [module.network]
  }

  assert {
    condition     = output.nat_gateway_count == 3
    error_message = "Staging mirrors production's NAT high availability."
  }
}

run "staging_keeps_waf_on" {
  command = plan

  plan_options {
    target = [module.waf_regional]
  }

  assert {
    condition     = var.waf.enabled
    error_message = "Staging must run WAF, as production does."
  }
}
