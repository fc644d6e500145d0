resource "aws_vpc" "this" {
  cidr_block           = var.network.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${var.name_prefix}-vpc"
  }

  lifecycle {
    precondition {
      condition     = alltrue([for az in var.network.availability_zones : substr(az, 0, length(az) - 1) == var.region])
      error_message = "Every entry of network.availability_zones must be an AZ of var.region (${var.region}), such as ${var.region}a; fix the AZ list or the region."
    }
  }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name = "${var.name_prefix}-igw"
  }
}

# The VPC's default security group is stripped of its allow-all rules, so any
# ENI that is created without an explicit security group can talk to nothing.
resource "aws_default_security_group" "this" {
  vpc_id  = aws_vpc.this.id
  ingress = []
  egress  = []

  tags = {
    Name = "${var.name_prefix}-default-deny"
  }
}

resource "aws_subnet" "this" {
  for_each = local.subnets

  vpc_id            = aws_vpc.this.id
  cidr_block        = each.value.cidr
  availability_zone = each.value.az

  # Only load balancers and NAT gateways live in public subnets; nothing gets
  # a public IP just by being launched there.
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.name_prefix}-${each.key}"
    Tier = each.value.tier
  }
}

resource "aws_db_subnet_group" "this" {
  name        = "${var.name_prefix}-database"
  description = "${var.name_prefix} database tier"
  subnet_ids  = local.subnet_ids.database

  tags = {
    Name = "${var.name_prefix}-database"
  }
}

resource "aws_elasticache_subnet_group" "this" {
  name        = "${var.name_prefix}-database"
  description = "${var.name_prefix} database tier"
  subnet_ids  = local.subnet_ids.database

  tags = {
    Name = "${var.name_prefix}-database"
  }
}
