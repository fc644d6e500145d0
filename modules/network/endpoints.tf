# Gateway endpoints keep S3 and DynamoDB traffic on the AWS network for every
# tier but public; interface endpoints let private workloads reach AWS APIs
# without the NAT gateways.

locals {
  gateway_services = ["s3", "dynamodb"]

  gateway_endpoint_associations = merge([
    for svc in local.gateway_services : {
      for rt, id in local.gateway_endpoint_route_tables : "${svc}-${rt}" => { service = svc, route_table_id = id }
    }
  ]...)

  # Interface endpoint ENIs go into the private subnets of the first az_count AZs.
  endpoint_azs        = slice(local.azs, 0, max(0, min(var.endpoints.az_count, length(local.azs))))
  endpoint_subnet_ids = [for az in local.endpoint_azs : aws_subnet.this["private-${az}"].id]
}

resource "aws_vpc_endpoint" "gateway" {
  for_each = toset(local.gateway_services)

  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type = "Gateway"

  tags = {
    Name = "${var.name_prefix}-${each.key}"
  }
}

resource "aws_vpc_endpoint_route_table_association" "gateway" {
  for_each = local.gateway_endpoint_associations

  vpc_endpoint_id = aws_vpc_endpoint.gateway[each.value.service].id
  route_table_id  = each.value.route_table_id
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name_prefix}-endpoints"
  description = "Interface VPC endpoints: HTTPS from inside the VPC only"
  vpc_id      = aws_vpc.this.id

  tags = {
    Name = "${var.name_prefix}-endpoints"
  }
}

# The only rule of the endpoint security group. It has no egress rule:
# endpoints answer requests, they never open connections.
resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  security_group_id = aws_security_group.endpoints.id
  description       = "HTTPS from the VPC"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.network.cidr

  tags = {
    Name = "${var.name_prefix}-endpoints-https"
  }
}

resource "aws_vpc_endpoint" "interface" {
  for_each = toset(var.endpoints.interface_services)

  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = local.endpoint_subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]

  tags = {
    Name = "${var.name_prefix}-${each.key}"
  }

  lifecycle {
    precondition {
      condition     = var.endpoints.az_count <= length(var.network.availability_zones)
      error_message = "endpoints.az_count (${var.endpoints.az_count}) must not exceed the number of availability zones (${length(var.network.availability_zones)})."
    }
  }
}
