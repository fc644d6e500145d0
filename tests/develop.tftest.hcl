# What develop guarantees: cost-optimised, single NAT.

run "develop_runs_a_single_nat_gateway" {
  command = plan

  assert {
    condition     = output.nat_gateway_count == 1
    error_message = "Develop saves cost with a single NAT gateway."
  }
}

run "develop_serves_the_api_under_its_subdomain" {
  command = plan

  assert {
    condition     = module.certificates_dns.api_hostname == "api.develop.lookcard.com"
    error_message = "Develop's API is api.develop.lookcard.com."
  }
}
