# What develop guarantees: cost-optimised, single NAT.

run "develop_runs_a_single_nat_gateway" {
  command = plan

  assert {
    condition     = output.nat_gateway_count == 1
    error_message = "Develop saves cost with a single NAT gateway."
  }
}
