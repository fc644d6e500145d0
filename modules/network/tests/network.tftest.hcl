# Guarantees of the network module, planned against the real AWS provider
# schema. IDs are unknown at plan time offline; where an assertion must follow
# a reference (route -> IGW/NAT, flow log -> log group) the run overrides the
# target's ID with a known value: those runs are in references.tftest.hcl.

provider "aws" {
  region = "ap-southeast-1"
}

# --- VPC and subnets --------------------------------------------------------

run "vpc_has_dns_support_and_hostnames" {
  command = plan

  assert {
    condition     = aws_vpc.this.cidr_block == "10.0.0.0/16" && aws_vpc.this.enable_dns_support && aws_vpc.this.enable_dns_hostnames
    error_message = "The VPC must be 10.0.0.0/16 with DNS support and DNS hostnames on (private DNS of interface endpoints needs both)."
  }

  assert {
    condition     = aws_vpc.this.tags.Name == "lookcard-test-vpc" && aws_internet_gateway.this.tags.Name == "lookcard-test-igw"
    error_message = "VPC and internet gateway must be named <name_prefix>-vpc and <name_prefix>-igw."
  }
}

run "subnets_have_the_exact_cidrs_per_tier_and_az" {
  command = plan

  assert {
    condition = { for k, s in aws_subnet.this : k => "${s.availability_zone} ${s.cidr_block}" } == {
      "public-ap-southeast-1a"   = "ap-southeast-1a 10.0.24.0/23"
      "public-ap-southeast-1b"   = "ap-southeast-1b 10.0.26.0/23"
      "public-ap-southeast-1c"   = "ap-southeast-1c 10.0.28.0/23"
      "private-ap-southeast-1a"  = "ap-southeast-1a 10.0.0.0/21"
      "private-ap-southeast-1b"  = "ap-southeast-1b 10.0.8.0/21"
      "private-ap-southeast-1c"  = "ap-southeast-1c 10.0.16.0/21"
      "database-ap-southeast-1a" = "ap-southeast-1a 10.0.36.0/24"
      "database-ap-southeast-1b" = "ap-southeast-1b 10.0.37.0/24"
      "database-ap-southeast-1c" = "ap-southeast-1c 10.0.38.0/24"
      "isolated-ap-southeast-1a" = "ap-southeast-1a 10.0.30.0/23"
      "isolated-ap-southeast-1b" = "ap-southeast-1b 10.0.32.0/23"
      "isolated-ap-southeast-1c" = "ap-southeast-1c 10.0.34.0/23"
    }
    error_message = "Subnets must be keyed <tier>-<az> with exactly the CIDR given for that tier and AZ."
  }

  assert {
    condition     = alltrue([for k, s in aws_subnet.this : s.tags.Tier == split("-", k)[0] && s.tags.Name == "lookcard-test-${k}"])
    error_message = "Every subnet must be tagged with its tier and named <name_prefix>-<tier>-<az>."
  }

  assert {
    condition = (
      output.subnet_cidrs.public == tolist(["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]) &&
      output.subnet_cidrs.private == tolist(["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]) &&
      output.subnet_cidrs.database == tolist(["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]) &&
      output.subnet_cidrs.isolated == tolist(["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"])
    )
    error_message = "subnet_cidrs must hold every tier's CIDRs in AZ order, known at plan time."
  }

  assert {
    condition     = alltrue([for t in ["public", "private", "database", "isolated"] : length(output.subnet_ids[t]) == 3])
    error_message = "subnet_ids must hold one subnet per AZ for every tier."
  }
}

run "no_subnet_maps_public_ips_on_launch" {
  command = plan

  assert {
    condition     = alltrue([for s in aws_subnet.this : s.map_public_ip_on_launch == false])
    error_message = "No subnet, public ones included, may give instances a public IP on launch."
  }
}

# --- NAT gateways and routes ------------------------------------------------

run "database_and_isolated_route_tables_have_no_internet_route" {
  command = plan

  assert {
    condition     = length([for r in concat(tolist(aws_route_table.database.route), tolist(aws_route_table.isolated.route)) : r if r.cidr_block == "0.0.0.0/0"]) == 0
    error_message = "Database and isolated route tables must not have a 0.0.0.0/0 route."
  }

  assert {
    condition     = length(aws_route_table.database.route) == 0 && length(aws_route_table.isolated.route) == 0
    error_message = "Database and isolated route tables must manage an empty route list (no IGW, no NAT, nothing added out of band)."
  }
}

# --- VPC endpoints ----------------------------------------------------------

run "gateway_endpoints_serve_private_database_and_isolated_route_tables" {
  command = plan

  assert {
    condition = { for k, e in aws_vpc_endpoint.gateway : k => "${e.vpc_endpoint_type} ${e.service_name}" } == {
      s3       = "Gateway com.amazonaws.ap-southeast-1.s3"
      dynamodb = "Gateway com.amazonaws.ap-southeast-1.dynamodb"
    }
    error_message = "S3 and DynamoDB must have gateway endpoints in the VPC's region."
  }

  assert {
    condition = toset(keys(aws_vpc_endpoint_route_table_association.gateway)) == toset(flatten([
      for svc in ["s3", "dynamodb"] : [
        "${svc}-private-ap-southeast-1a", "${svc}-private-ap-southeast-1b", "${svc}-private-ap-southeast-1c", "${svc}-database", "${svc}-isolated",
      ]
    ]))
    error_message = "Both gateway endpoints must be attached to every private route table and to the database and isolated route tables (not public)."
  }
}

run "every_listed_interface_endpoint_exists_with_private_dns" {
  command = plan

  assert {
    condition     = toset(keys(aws_vpc_endpoint.interface)) == toset(["ecr.api", "ecr.dkr", "secretsmanager", "kms", "logs", "sts", "ssm", "ssmmessages", "ec2messages", "xray"])
    error_message = "Every listed service must get an interface endpoint, and no other."
  }

  assert {
    condition = alltrue([for k, e in aws_vpc_endpoint.interface :
      e.vpc_endpoint_type == "Interface" && e.private_dns_enabled == true && e.service_name == "com.amazonaws.ap-southeast-1.${k}"
    ])
    error_message = "Interface endpoints must be of type Interface, in the VPC's region, with private DNS enabled."
  }

  assert {
    condition     = local.endpoint_azs == tolist(["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"])
    error_message = "With az_count = 3, interface endpoints must have an ENI in each of the three private subnets."
  }
}

run "interface_endpoints_use_only_az_count_private_subnets" {
  command = plan

  variables {
    endpoints = { interface_services = ["ecr.api", "ecr.dkr", "secretsmanager", "kms", "logs", "sts", "ssm", "ssmmessages", "ec2messages", "xray"], az_count = 1 }
  }

  assert {
    condition     = local.endpoint_azs == tolist(["ap-southeast-1a"]) && length(local.endpoint_subnet_ids) == 1
    error_message = "With az_count = 1 (develop), interface endpoints must have a single ENI, in the first AZ's private subnet."
  }
}

run "endpoint_sg_admits_only_443_from_the_vpc_cidr" {
  command = plan

  assert {
    condition     = aws_security_group.endpoints.name == "lookcard-test-endpoints"
    error_message = "The endpoint security group must be named <name_prefix>-endpoints."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.endpoints_https.ip_protocol == "tcp" &&
      aws_vpc_security_group_ingress_rule.endpoints_https.from_port == 443 &&
      aws_vpc_security_group_ingress_rule.endpoints_https.to_port == 443 &&
      aws_vpc_security_group_ingress_rule.endpoints_https.cidr_ipv4 == "10.0.0.0/16" &&
      aws_vpc_security_group_ingress_rule.endpoints_https.referenced_security_group_id == null &&
      aws_vpc_security_group_ingress_rule.endpoints_https.prefix_list_id == null &&
      aws_vpc_security_group_ingress_rule.endpoints_https.cidr_ipv6 == null
    )
    error_message = "The endpoint security group's only rule must admit tcp 443 from the VPC CIDR."
  }
}

run "default_security_group_has_no_rules" {
  command = plan

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "The VPC's default security group must have no ingress and no egress rules."
  }
}

# --- Flow logs --------------------------------------------------------------

run "flow_log_role_is_assumable_only_by_vpc_flow_logs_of_this_account" {
  command = plan

  assert {
    condition = jsondecode(module.flow_logs_role.assume_role_policy).Statement == [{
      Sid       = "VpcFlowLogsOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "vpc-flow-logs.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = "123456789012" }
        ArnLike      = { "aws:SourceArn" = "arn:aws:ec2:ap-southeast-1:123456789012:vpc-flow-log/*" }
      }
    }]
    error_message = "Only vpc-flow-logs.amazonaws.com acting for this account may assume the flow log role."
  }
}

run "flow_log_role_policy_has_no_wildcard_resource" {
  command = plan

  assert {
    condition = alltrue(flatten([for s in jsondecode(module.flow_logs_role.inline_policies["lookcard-test-vpc-flow-logs"]).Statement : [
      for r in flatten([s.Resource]) : r == "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/vpc/lookcard-test/flow-logs:*"
    ]]))
    error_message = "The flow log role may only act on its own log group's ARN, never on \"*\"."
  }

  assert {
    condition     = toset(flatten([for s in jsondecode(module.flow_logs_role.inline_policies["lookcard-test-vpc-flow-logs"]).Statement : s.Action])) == toset(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"])
    error_message = "The flow log role may only create log streams, put log events and describe log streams."
  }

  assert {
    condition     = alltrue([for s in jsondecode(module.flow_logs_role.inline_policies["lookcard-test-vpc-flow-logs"]).Statement : s.Effect == "Allow" && !can(s.NotResource) && !can(s.NotAction)])
    error_message = "The flow log policy must be plain Allow statements (no NotResource/NotAction)."
  }

  assert {
    condition     = toset(keys(module.flow_logs_role.inline_policies)) == toset(["lookcard-test-vpc-flow-logs"]) && length(module.flow_logs_role.managed_policy_arns) == 0
    error_message = "The flow log role has exactly one inline policy, named as before, and no managed policy (both enforced by the exclusive guards)."
  }
}

# --- Network ACLs -----------------------------------------------------------

run "database_nacl_admits_5432_from_private_and_6379_from_private_and_database_cidrs" {
  command = plan

  # Allow rules on 5432 are exactly the private subnets; on 6379 the private
  # and the database subnets (Redis replication and cluster bus).
  assert {
    condition = toset([
      for r in aws_network_acl.this["database"].ingress : "${r.from_port} ${r.cidr_block}"
      if r.action == "allow" && r.from_port == r.to_port
      ]) == toset([
      "5432 10.0.0.0/21", "5432 10.0.8.0/21", "5432 10.0.16.0/21",
      "6379 10.0.0.0/21", "6379 10.0.8.0/21", "6379 10.0.16.0/21",
      "6379 10.0.36.0/24", "6379 10.0.37.0/24", "6379 10.0.38.0/24",
    ])
    error_message = "The database tier must admit tcp 5432 from each private subnet CIDR, and tcp 6379 from each private and each database subnet CIDR."
  }

  # For each DB port, the first rule (lowest rule_no) that covers it for a
  # source outside the subnets allowed on that port is a deny from the whole
  # VPC; nothing outside the VPC is ever allowed in.
  assert {
    condition = alltrue([for port, allowed in {
      5432 = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      6379 = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21", "10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      } :
      [for r in aws_network_acl.this["database"].ingress : "${r.action} ${r.cidr_block}"
        if r.from_port <= port && r.to_port >= port && !contains(allowed, r.cidr_block) &&
      r.rule_no == min([for x in aws_network_acl.this["database"].ingress : x.rule_no if x.from_port <= port && x.to_port >= port && !contains(allowed, x.cidr_block)]...)] == ["deny 10.0.0.0/16"]
    ])
    error_message = "Any rule covering 5432 or 6379 for a source not allowed on that port must come after a deny of that port from the VPC CIDR."
  }

  assert {
    condition     = alltrue([for r in aws_network_acl.this["database"].ingress : r.protocol == "tcp" && r.cidr_block != "0.0.0.0/0"])
    error_message = "The database tier must admit only tcp, and nothing from 0.0.0.0/0."
  }

  assert {
    condition = [for r in aws_network_acl.this["database"].ingress : "${r.action} ${r.from_port}-${r.to_port} ${r.cidr_block}" if !contains([5432, 6379], r.from_port)] == [
      "allow 1024-65535 10.0.0.0/16",
    ]
    error_message = "Besides the database ports, the database tier may only admit ephemeral return traffic from the VPC CIDR."
  }
}

run "database_nacl_sends_only_replies_and_intra_tier_redis" {
  command = plan

  assert {
    condition = toset([for r in aws_network_acl.this["database"].egress : "${r.action} ${r.protocol} ${r.from_port}-${r.to_port} ${r.cidr_block}"]) == toset([
      "allow tcp 1024-65535 10.0.0.0/16",
      "allow tcp 6379-6379 10.0.36.0/24", "allow tcp 6379-6379 10.0.37.0/24", "allow tcp 6379-6379 10.0.38.0/24",
    ])
    error_message = "The database tier may only send tcp on ephemeral ports to the VPC CIDR and tcp 6379 to the database subnets."
  }
}

# Walks the database NACL as AWS does: for a packet, the matching rule with
# the lowest rule_no decides (no match: implicit deny). A rule matches when
# its protocol and port range cover the packet and its CIDR holds the address
# on the far side (source on ingress, destination on egress). "Holds" is
# cidrhost("<addr>/<prefix of the rule>", 0) == cidrhost(<rule cidr>, 0).
# Hosts are the 10th address of each subnet; 6379 is the Redis port, 40000 an
# ephemeral port for the replies.
run "redis_flows_between_database_subnets_but_not_from_public_or_isolated_subnets" {
  command = plan

  # Node in database subnet a opens 6379 to a node in database subnet b: a's
  # egress to b and b's ingress from a must both be allowed, and so must the
  # replies (b's egress to a's ephemeral port, a's ingress from b on it).
  assert {
    condition = alltrue(flatten([
      for a in var.network.database_subnets : [
        for b in var.network.database_subnets : [
          for f in [
            { dir = "egress", peer = cidrhost(b, 10), port = 6379 },
            { dir = "ingress", peer = cidrhost(a, 10), port = 6379 },
            { dir = "egress", peer = cidrhost(a, 10), port = 40000 },
            { dir = "ingress", peer = cidrhost(b, 10), port = 40000 },
          ] :
          [
            for r in aws_network_acl.this["database"][f.dir] : r.action
            if(r.protocol == "-1" || (r.protocol == "tcp" && r.from_port <= f.port && r.to_port >= f.port)) &&
            cidrhost("${f.peer}/${split("/", r.cidr_block)[1]}", 0) == cidrhost(r.cidr_block, 0) &&
            r.rule_no == min(32767, [
              for x in aws_network_acl.this["database"][f.dir] : x.rule_no
              if(x.protocol == "-1" || (x.protocol == "tcp" && x.from_port <= f.port && x.to_port >= f.port)) &&
              cidrhost("${f.peer}/${split("/", x.cidr_block)[1]}", 0) == cidrhost(x.cidr_block, 0)
            ]...)
          ] == ["allow"]
        ] if a != b
      ]
    ]))
    error_message = "Every database subnet must reach tcp 6379 on every other database subnet (egress and ingress, and the replies back), for Redis replication and cluster traffic."
  }

  # A host in a public (or isolated) subnet sending to 6379 in the database
  # tier: the first matching ingress rule must be a deny (or nothing matches).
  assert {
    condition = alltrue([
      for p in concat(var.network.public_subnets, var.network.isolated_subnets) :
      !contains([
        for r in aws_network_acl.this["database"].ingress : r.action
        if(r.protocol == "-1" || (r.protocol == "tcp" && r.from_port <= 6379 && r.to_port >= 6379)) &&
        cidrhost("${cidrhost(p, 10)}/${split("/", r.cidr_block)[1]}", 0) == cidrhost(r.cidr_block, 0) &&
        r.rule_no == min(32767, [
          for x in aws_network_acl.this["database"].ingress : x.rule_no
          if(x.protocol == "-1" || (x.protocol == "tcp" && x.from_port <= 6379 && x.to_port >= 6379)) &&
          cidrhost("${cidrhost(p, 10)}/${split("/", x.cidr_block)[1]}", 0) == cidrhost(x.cidr_block, 0)
        ]...)
      ], "allow")
    ])
    error_message = "A public or isolated subnet must not reach tcp 6379 in the database tier: its first matching ingress rule must be a deny."
  }

  # The same walk from the private subnets still allows 6379, and from the
  # database subnets 5432 stays denied (Aurora only from the private tier).
  assert {
    condition = alltrue([
      for f in concat(
        [for c in var.network.private_subnets : { peer = cidrhost(c, 10), port = 6379, want = "allow" }],
        [for c in var.network.database_subnets : { peer = cidrhost(c, 10), port = 5432, want = "deny" }],
        ) : [
        for r in aws_network_acl.this["database"].ingress : r.action
        if(r.protocol == "-1" || (r.protocol == "tcp" && r.from_port <= f.port && r.to_port >= f.port)) &&
        cidrhost("${f.peer}/${split("/", r.cidr_block)[1]}", 0) == cidrhost(r.cidr_block, 0) &&
        r.rule_no == min(32767, [
          for x in aws_network_acl.this["database"].ingress : x.rule_no
          if(x.protocol == "-1" || (x.protocol == "tcp" && x.from_port <= f.port && x.to_port >= f.port)) &&
          cidrhost("${f.peer}/${split("/", x.cidr_block)[1]}", 0) == cidrhost(x.cidr_block, 0)
        ]...)
      ] == [f.want]
    ])
    error_message = "The private subnets must still reach 6379 in the database tier, and the database subnets must not reach 5432 there."
  }
}

run "isolated_nacl_stays_inside_the_vpc" {
  command = plan

  assert {
    condition = alltrue([
      for r in concat(tolist(aws_network_acl.this["isolated"].ingress), tolist(aws_network_acl.this["isolated"].egress)) : r.cidr_block == "10.0.0.0/16"
    ]) && length(aws_network_acl.this["isolated"].ingress) == 1 && length(aws_network_acl.this["isolated"].egress) == 1
    error_message = "The isolated tier may only talk to the VPC CIDR, in and out."
  }
}

run "public_nacl_admits_only_web_and_return_traffic_from_the_internet" {
  command = plan

  assert {
    condition = toset([for r in aws_network_acl.this["public"].ingress : "${r.protocol} ${r.from_port}-${r.to_port}" if r.cidr_block == "0.0.0.0/0" && r.action == "allow"]) == toset([
      "tcp 443-443", "tcp 80-80", "tcp 1024-65535",
    ])
    error_message = "From the internet the public tier may admit only 443, 80 and ephemeral return traffic."
  }

  assert {
    condition     = [for r in aws_network_acl.this["public"].egress : "${r.action} ${r.protocol} ${r.cidr_block}"] == ["allow -1 0.0.0.0/0"]
    error_message = "The public tier must allow all outbound traffic."
  }
}

run "private_nacl_admits_the_vpc_and_internet_replies_only" {
  command = plan

  assert {
    condition = toset([for r in aws_network_acl.this["private"].ingress : "${r.action} ${r.protocol} ${r.from_port}-${r.to_port} ${r.cidr_block}"]) == toset([
      "allow -1 0-0 10.0.0.0/16", "allow tcp 1024-65535 0.0.0.0/0",
    ])
    error_message = "The private tier may admit everything from the VPC and only ephemeral return traffic from elsewhere."
  }
}

run "every_tier_has_its_own_nacl" {
  command = plan

  assert {
    condition     = toset(keys(aws_network_acl.this)) == toset(["public", "private", "database", "isolated"])
    error_message = "Each of the four tiers must have its own network ACL."
  }

  assert {
    condition     = alltrue([for t in ["public", "private", "database", "isolated"] : length(local.subnet_ids[t]) == 3])
    error_message = "Each network ACL must cover its tier's three subnets."
  }
}

# --- Subnet groups ----------------------------------------------------------

run "db_and_cache_subnet_groups_use_the_database_subnets" {
  command = plan

  assert {
    condition     = output.db_subnet_group_name == "lookcard-test-database" && output.elasticache_subnet_group_name == "lookcard-test-database"
    error_message = "The RDS and ElastiCache subnet groups must be named <name_prefix>-database."
  }

  assert {
    condition     = length(local.subnet_ids.database) == 3 && aws_db_subnet_group.this.description == "lookcard-test database tier"
    error_message = "The subnet groups must span the three database subnets."
  }
}

run "roles_carry_the_workload_permissions_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = module.flow_logs_role.permissions_boundary_arn == var.permissions_boundary_arn
    error_message = "Every role of the module must carry the workload permissions boundary (the deploy role may create a role only with it)."
  }
}
