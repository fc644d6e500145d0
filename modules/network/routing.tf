# Routes are written inline on the route tables. For the database and isolated
# tiers `route = []` is explicit: Terraform then owns the (empty) route list
# and removes any route that is added outside of it on the next apply, so
# those tiers cannot quietly gain a path to the internet. (Routes to gateway
# endpoints are managed by AWS for the endpoint and are not affected.)

resource "aws_eip" "nat" {
  for_each = toset(local.nat_azs)

  domain = "vpc"

  tags = {
    Name = "${var.name_prefix}-nat-${each.key}"
  }
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_azs)

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.this["public-${each.key}"].id

  tags = {
    Name = "${var.name_prefix}-nat-${each.key}"
  }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = local.anywhere
    gateway_id = aws_internet_gateway.this.id
  }

  tags = {
    Name = "${var.name_prefix}-public"
    Tier = "public"
  }
}

resource "aws_route_table" "private" {
  for_each = toset(local.azs)

  vpc_id = aws_vpc.this.id

  route {
    cidr_block     = local.anywhere
    nat_gateway_id = aws_nat_gateway.this[local.private_nat_az[each.key]].id
  }

  tags = {
    Name = "${var.name_prefix}-private-${each.key}"
    Tier = "private"
  }
}

resource "aws_route_table" "database" {
  vpc_id = aws_vpc.this.id
  route  = []

  tags = {
    Name = "${var.name_prefix}-database"
    Tier = "database"
  }
}

resource "aws_route_table" "isolated" {
  vpc_id = aws_vpc.this.id
  route  = []

  tags = {
    Name = "${var.name_prefix}-isolated"
    Tier = "isolated"
  }
}

locals {
  # Route table of every subnet.
  subnet_route_table_ids = {
    for key, s in local.subnets : key => (
      s.tier == "public" ? aws_route_table.public.id :
      s.tier == "private" ? aws_route_table.private[s.az].id :
      s.tier == "database" ? aws_route_table.database.id :
      aws_route_table.isolated.id
    )
  }

  # Route tables that get the S3 and DynamoDB gateway endpoints: every tier
  # but public.
  gateway_endpoint_route_tables = merge(
    { for az in local.azs : "private-${az}" => aws_route_table.private[az].id },
    {
      database = aws_route_table.database.id
      isolated = aws_route_table.isolated.id
    },
  )
}

resource "aws_route_table_association" "this" {
  for_each = local.subnets

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = local.subnet_route_table_ids[each.key]
}
