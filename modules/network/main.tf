# Shared values. Subnets, route tables and NAT gateways are keyed by stable
# names (tier-az), never by position, so adding an AZ or a tier later does not
# renumber and replace existing resources.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  azs        = var.network.availability_zones

  tier_cidrs = {
    public   = var.network.public_subnets
    private  = var.network.private_subnets
    database = var.network.database_subnets
    isolated = var.network.isolated_subnets
  }

  # "public-ap-southeast-1a" => { tier, az, cidr }. The `if` only matters while
  # a bad var.network is being rejected: it keeps this expression from failing
  # alongside the validation message.
  subnets = merge([
    for tier, cidrs in local.tier_cidrs : {
      for i, az in local.azs : "${tier}-${az}" => { tier = tier, az = az, cidr = cidrs[i] } if i < length(cidrs)
    }
  ]...)

  # Subnet IDs per tier, in AZ order.
  subnet_ids = {
    for tier in keys(local.tier_cidrs) : tier => [
      for az in local.azs : aws_subnet.this["${tier}-${az}"].id if contains(keys(aws_subnet.this), "${tier}-${az}")
    ]
  }

  # NAT gateways sit in the public subnets of the first nat_gateway_count AZs.
  # A private subnet uses the NAT gateway of its own AZ when there is one, else
  # the first one.
  nat_azs = slice(local.azs, 0, max(0, min(var.network.nat_gateway_count, length(local.azs))))
  private_nat_az = {
    for az in local.azs : az => contains(local.nat_azs, az) ? az : try(local.nat_azs[0], null)
  }

  vpc_cidr = var.network.cidr
  anywhere = "0.0.0.0/0"
}
