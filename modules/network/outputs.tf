output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "IPv4 CIDR of the VPC."
  value       = var.network.cidr
}

output "availability_zones" {
  description = "AZs of the VPC, in the order every per-AZ list of this module follows."
  value       = var.network.availability_zones
}

output "subnet_ids" {
  description = "Subnet IDs by tier (public, private, database, isolated), each list in AZ order."
  value = {
    public   = local.subnet_ids.public
    private  = local.subnet_ids.private
    database = local.subnet_ids.database
    isolated = local.subnet_ids.isolated
  }
}

# Read from the subnets and endpoints built, not echoed from the input, so a
# plan targeting this module (the root's tests) knows them too.
output "subnet_cidrs" {
  description = "Subnet CIDRs by tier, each list in AZ order; known at plan time."
  value = {
    for tier, cidrs in local.tier_cidrs : tier => tolist([
      for i, az in local.azs : aws_subnet.this["${tier}-${az}"].cidr_block if i < length(cidrs)
    ])
  }
}

output "route_table_ids" {
  description = "Route table IDs by tier: one public, one private per AZ (AZ order), one database, one isolated."
  value = {
    public   = [aws_route_table.public.id]
    private  = [for az in var.network.availability_zones : aws_route_table.private[az].id]
    database = [aws_route_table.database.id]
    isolated = [aws_route_table.isolated.id]
  }
}

output "nat_gateway_count" {
  description = "Number of NAT gateways."
  value       = length(aws_nat_gateway.this)
}

output "nat_public_ips" {
  description = "Elastic IPs of the NAT gateways, in AZ order: the addresses partners see (for allow-listing)."
  value       = [for az in local.nat_azs : aws_eip.nat[az].public_ip]
}

output "db_subnet_group_name" {
  description = "RDS/Aurora subnet group on the database subnets."
  value       = aws_db_subnet_group.this.name
}

output "elasticache_subnet_group_name" {
  description = "ElastiCache subnet group on the database subnets."
  value       = aws_elasticache_subnet_group.this.name
}

output "endpoint_security_group_id" {
  description = "Security group of the interface VPC endpoints (HTTPS from the VPC only)."
  value       = aws_security_group.endpoints.id
}

output "interface_endpoint_services" {
  description = "Short names of the services that have an interface VPC endpoint."
  value       = tolist([for s in var.endpoints.interface_services : s if contains(keys(aws_vpc_endpoint.interface), s)])
}

output "flow_log_group_name" {
  description = "CloudWatch log group of the VPC flow logs."
  value       = aws_cloudwatch_log_group.flow_logs.name
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs by AZ (for port-allocation alarms)."
  value       = { for az, n in aws_nat_gateway.this : az => n.id }
}
