# What staging guarantees: production-like availability at reduced capacity.

run "staging_has_a_nat_gateway_per_az" {
  command = plan

  assert {
    condition     = output.nat_gateway_count == 3
    error_message = "Staging mirrors production's NAT high availability."
  }
}

run "staging_keeps_waf_on" {
  command = plan

  assert {
    condition     = var.waf.enabled
    error_message = "Staging must run WAF, as production does."
  }
}
