# Network ACLs are the second, stateless layer under the security groups.
# Rules are evaluated by ascending rule_no and the first match wins; anything
# unmatched hits the implicit deny. Because NACLs are stateless, every tier
# also admits the return traffic of the connections it makes.

locals {
  private_cidrs  = var.network.private_subnets
  database_cidrs = var.network.database_subnets

  nacl_rules = {
    # Load balancers and NAT gateways. The VPC rule lets NAT gateways forward
    # private-subnet traffic to any destination port (SFTP, SMTP, ...); the
    # load balancers' security groups still decide what they accept.
    public = {
      ingress = [
        { rule_no = 100, action = "allow", protocol = "tcp", from_port = 443, to_port = 443, cidr_block = local.anywhere },
        { rule_no = 110, action = "allow", protocol = "tcp", from_port = 80, to_port = 80, cidr_block = local.anywhere },
        { rule_no = 120, action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = local.vpc_cidr },
        { rule_no = 130, action = "allow", protocol = "tcp", from_port = 1024, to_port = 65535, cidr_block = local.anywhere },
      ]
      egress = [
        { rule_no = 100, action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = local.anywhere },
      ]
    }

    # Workloads: anything from inside the VPC, and replies (via NAT) from the
    # internet.
    private = {
      ingress = [
        { rule_no = 100, action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = local.vpc_cidr },
        { rule_no = 110, action = "allow", protocol = "tcp", from_port = 1024, to_port = 65535, cidr_block = local.anywhere },
      ]
      egress = [
        { rule_no = 100, action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = local.anywhere },
      ]
    }

    # Aurora PostgreSQL (5432) and ElastiCache Redis (6379), reachable only
    # from the private subnets; Redis also from the database subnets
    # themselves, for replication and cluster-bus traffic between the nodes in
    # different AZs. The ephemeral-return rule from the VPC would also cover
    # 5432 and 6379, so explicit denies for those ports from the rest of the
    # VPC come first. Rule numbers: 100+i, 200+i and 250+i for AZ i (a region
    # has far fewer than 50 AZs, so the ranges never meet the denies at 300).
    database = {
      ingress = concat(
        [for i, c in local.private_cidrs : { rule_no = 100 + i, action = "allow", protocol = "tcp", from_port = 5432, to_port = 5432, cidr_block = c }],
        [for i, c in local.private_cidrs : { rule_no = 200 + i, action = "allow", protocol = "tcp", from_port = 6379, to_port = 6379, cidr_block = c }],
        [for i, c in local.database_cidrs : { rule_no = 250 + i, action = "allow", protocol = "tcp", from_port = 6379, to_port = 6379, cidr_block = c }],
        [
          { rule_no = 300, action = "deny", protocol = "tcp", from_port = 5432, to_port = 5432, cidr_block = local.vpc_cidr },
          { rule_no = 310, action = "deny", protocol = "tcp", from_port = 6379, to_port = 6379, cidr_block = local.vpc_cidr },
          { rule_no = 400, action = "allow", protocol = "tcp", from_port = 1024, to_port = 65535, cidr_block = local.vpc_cidr },
        ],
      )
      # Replies into the VPC, and Redis to the other database subnets. The
      # ephemeral rule already covers 6379; the explicit rules keep the
      # intra-tier Redis path open if that rule is ever narrowed.
      egress = concat(
        [{ rule_no = 100, action = "allow", protocol = "tcp", from_port = 1024, to_port = 65535, cidr_block = local.vpc_cidr }],
        [for i, c in local.database_cidrs : { rule_no = 250 + i, action = "allow", protocol = "tcp", from_port = 6379, to_port = 6379, cidr_block = c }],
      )
    }

    # No internet path at all: the VPC only, both ways.
    isolated = {
      ingress = [
        { rule_no = 100, action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = local.vpc_cidr },
      ]
      egress = [
        { rule_no = 100, action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = local.vpc_cidr },
      ]
    }
  }
}

resource "aws_network_acl" "this" {
  for_each = local.nacl_rules

  vpc_id     = aws_vpc.this.id
  subnet_ids = local.subnet_ids[each.key]

  dynamic "ingress" {
    for_each = each.value.ingress
    content {
      rule_no    = ingress.value.rule_no
      action     = ingress.value.action
      protocol   = ingress.value.protocol
      from_port  = ingress.value.from_port
      to_port    = ingress.value.to_port
      cidr_block = ingress.value.cidr_block
    }
  }

  dynamic "egress" {
    for_each = each.value.egress
    content {
      rule_no    = egress.value.rule_no
      action     = egress.value.action
      protocol   = egress.value.protocol
      from_port  = egress.value.from_port
      to_port    = egress.value.to_port
      cidr_block = egress.value.cidr_block
    }
  }

  tags = {
    Name = "${var.name_prefix}-${each.key}"
    Tier = each.key
  }
}
