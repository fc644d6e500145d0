# Guarantees of the network module that follow a reference (route -> IGW/NAT,
# association -> route table, endpoint -> security group, flow log -> log
# group). The targets' IDs are overridden with known values and the runs
# apply against a mock provider (the real AWS provider schema): Terraform
# fills overridden and mocked computed values at apply only (OpenTofu already
# at plan), so a plan run could not know them on both engines. They live in a
# file of their own so that network.tftest.hcl's plan runs never start from
# their state. The overrides are the file's, not each run's: Terraform applies
# an override only to a resource it creates or changes, and the first run
# creates them all.

mock_provider "aws" {}

override_resource {
  target = aws_nat_gateway.this
  values = { id = "nat-0123456789abcdef0" }
}

override_resource {
  target = aws_internet_gateway.this
  values = { id = "igw-0123456789abcdef0" }
}

override_resource {
  target = aws_route_table.public
  values = { id = "rtb-public" }
}

override_resource {
  target = aws_route_table.private
  values = { id = "rtb-private" }
}

override_resource {
  target = aws_route_table.database
  values = { id = "rtb-database" }
}

override_resource {
  target = aws_route_table.isolated
  values = { id = "rtb-isolated" }
}

override_resource {
  target = aws_security_group.endpoints
  values = { id = "sg-0endpoints000000" }
}

override_resource {
  target = aws_cloudwatch_log_group.flow_logs
  values = { arn = "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/vpc/lookcard-test/flow-logs" }
}

run "three_nat_gateways_one_per_az_when_asked_for_three" {
  command = apply

  assert {
    condition     = length(aws_nat_gateway.this) == 3 && length(aws_eip.nat) == 3 && output.nat_gateway_count == 3
    error_message = "nat_gateway_count = 3 must give three NAT gateways, each with its own Elastic IP."
  }

  assert {
    condition     = keys(aws_nat_gateway.this) == ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
    error_message = "There must be one NAT gateway in each AZ's public subnet."
  }

  assert {
    condition     = local.private_nat_az == { "ap-southeast-1a" = "ap-southeast-1a", "ap-southeast-1b" = "ap-southeast-1b", "ap-southeast-1c" = "ap-southeast-1c" }
    error_message = "With a NAT gateway per AZ, each private subnet must use the NAT gateway of its own AZ."
  }

  assert {
    condition = alltrue([for rt in aws_route_table.private : length(rt.route) == 1 && alltrue([
      for r in rt.route : r.cidr_block == "0.0.0.0/0" && r.nat_gateway_id == "nat-0123456789abcdef0" && r.gateway_id == null
    ])])
    error_message = "Every private route table must send 0.0.0.0/0 to a NAT gateway, and have no other route."
  }
}

run "one_nat_gateway_serves_every_private_subnet_when_asked_for_one" {
  command = apply

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 1
    }
  }

  assert {
    condition     = keys(aws_nat_gateway.this) == ["ap-southeast-1a"] && length(aws_eip.nat) == 1 && output.nat_gateway_count == 1
    error_message = "nat_gateway_count = 1 must give a single NAT gateway, in the first AZ."
  }

  assert {
    condition     = toset(values(local.private_nat_az)) == toset(["ap-southeast-1a"])
    error_message = "With one NAT gateway, every private subnet must use it."
  }

  assert {
    condition = length(aws_route_table.private) == 3 && alltrue([for rt in aws_route_table.private : alltrue([
      for r in rt.route : r.cidr_block == "0.0.0.0/0" && r.nat_gateway_id == "nat-0123456789abcdef0"
    ])])
    error_message = "Every private route table must still route 0.0.0.0/0 to the (single) NAT gateway."
  }
}

run "public_route_table_sends_default_route_to_igw" {
  command = apply

  assert {
    condition = length(aws_route_table.public.route) == 1 && alltrue([for r in aws_route_table.public.route :
      r.cidr_block == "0.0.0.0/0" && r.gateway_id == "igw-0123456789abcdef0" && r.nat_gateway_id == null
    ])
    error_message = "The public route table must have exactly one route: 0.0.0.0/0 to the internet gateway."
  }
}

run "every_subnet_uses_its_tiers_route_table" {
  command = apply

  assert {
    condition     = length(aws_route_table_association.this) == 12
    error_message = "Every subnet must have a route table association."
  }

  assert {
    condition     = alltrue([for k, a in aws_route_table_association.this : a.route_table_id == "rtb-${split("-", k)[0]}"])
    error_message = "Every subnet must be associated with the route table of its own tier."
  }

  assert {
    condition     = output.route_table_ids == { public = ["rtb-public"], private = ["rtb-private", "rtb-private", "rtb-private"], database = ["rtb-database"], isolated = ["rtb-isolated"] }
    error_message = "route_table_ids must map each tier to its route tables (private: one per AZ)."
  }
}

run "interface_endpoints_sit_behind_the_endpoint_security_group" {
  command = apply

  assert {
    condition     = alltrue([for e in aws_vpc_endpoint.interface : e.security_group_ids == toset(["sg-0endpoints000000"])])
    error_message = "Every interface endpoint must use the endpoint security group, and only it."
  }

  assert {
    condition     = output.endpoint_security_group_id == "sg-0endpoints000000"
    error_message = "endpoint_security_group_id must be the endpoint security group."
  }
}

run "flow_log_captures_all_traffic_to_the_encrypted_log_group" {
  command = apply

  assert {
    condition     = aws_flow_log.this.traffic_type == "ALL" && aws_flow_log.this.log_destination_type == "cloud-watch-logs"
    error_message = "The VPC flow log must capture ALL traffic (accepted and rejected) to CloudWatch Logs."
  }

  assert {
    condition     = aws_flow_log.this.log_destination == "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/vpc/lookcard-test/flow-logs"
    error_message = "The flow log must deliver to the module's log group."
  }

  assert {
    condition = (
      aws_cloudwatch_log_group.flow_logs.name == "/aws/vpc/lookcard-test/flow-logs" &&
      aws_cloudwatch_log_group.flow_logs.retention_in_days == 365 &&
      aws_cloudwatch_log_group.flow_logs.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-logs"
    )
    error_message = "The flow log group must be /aws/vpc/<name_prefix>/flow-logs, keep logs for the given retention and be encrypted with the given KMS key."
  }

  assert {
    condition     = output.flow_log_group_name == "/aws/vpc/lookcard-test/flow-logs"
    error_message = "flow_log_group_name must name the flow log group."
  }
}
