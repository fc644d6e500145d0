variable "network" {
  description = <<-EOT
    Address plan of the VPC. cidr is the VPC's IPv4 block; availability_zones
    the AZs in order; each of the four tiers (public, private, database,
    isolated) lists one subnet CIDR per AZ, in the same order; nat_gateway_count
    is how many NAT gateways to run (one per AZ in HA environments), placed in
    the public subnets of the first AZs.
  EOT
  type = object({
    cidr               = string
    availability_zones = list(string)
    public_subnets     = list(string)
    private_subnets    = list(string)
    database_subnets   = list(string)
    isolated_subnets   = list(string)
    nat_gateway_count  = number
  })
  nullable = false

  validation {
    condition = (
      can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$", var.network.cidr)) &&
      try(cidrhost(var.network.cidr, 0) == split("/", var.network.cidr)[0], false) &&
      try(tonumber(split("/", var.network.cidr)[1]) >= 16 && tonumber(split("/", var.network.cidr)[1]) <= 28, false)
    )
    error_message = "network.cidr must be an IPv4 network address with a /16 to /28 prefix (AWS's VPC limits) and no host bits set, e.g. 10.0.0.0/16."
  }

  validation {
    condition = length(var.network.availability_zones) >= 2 && alltrue([
      for az in var.network.availability_zones : can(regex("^[a-z]{2}-[a-z]+-[0-9][a-z]$", az))
    ])
    error_message = "network.availability_zones must list at least two AZ names such as ap-southeast-1a (RDS and ElastiCache subnet groups need two AZs)."
  }

  validation {
    condition     = length(distinct(var.network.availability_zones)) == length(var.network.availability_zones)
    error_message = "network.availability_zones must not repeat an AZ; list each AZ once."
  }

  validation {
    condition = alltrue([
      for tier in [var.network.public_subnets, var.network.private_subnets, var.network.database_subnets, var.network.isolated_subnets] :
      length(tier) == length(var.network.availability_zones)
    ])
    error_message = "network.public_subnets, private_subnets, database_subnets and isolated_subnets must each list exactly one CIDR per availability zone, in AZ order."
  }

  validation {
    condition = alltrue([
      for s in concat(var.network.public_subnets, var.network.private_subnets, var.network.database_subnets, var.network.isolated_subnets) :
      can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$", s)) &&
      try(cidrhost(s, 0) == split("/", s)[0], false) &&
      try(tonumber(split("/", s)[1]) >= 16 && tonumber(split("/", s)[1]) <= 28, false)
    ])
    error_message = "Every subnet CIDR must be an IPv4 network address with a /16 to /28 prefix and no host bits set, e.g. 10.0.36.0/24."
  }

  # A subnet A/n lies inside V/m iff n >= m and A, cut to /m, is V's network.
  validation {
    condition = alltrue([
      for s in concat(var.network.public_subnets, var.network.private_subnets, var.network.database_subnets, var.network.isolated_subnets) :
      try(
        tonumber(split("/", s)[1]) >= tonumber(split("/", var.network.cidr)[1]) &&
        cidrhost("${split("/", s)[0]}/${split("/", var.network.cidr)[1]}", 0) == cidrhost(var.network.cidr, 0),
        false
      )
    ])
    error_message = "Every subnet CIDR must lie inside network.cidr; move the subnets into the VPC's range or widen network.cidr."
  }

  # Two blocks overlap iff they are equal when both are cut to the shorter prefix.
  validation {
    condition = alltrue(flatten([
      for i, a in concat(var.network.public_subnets, var.network.private_subnets, var.network.database_subnets, var.network.isolated_subnets) : [
        for j, b in concat(var.network.public_subnets, var.network.private_subnets, var.network.database_subnets, var.network.isolated_subnets) :
        try(
          cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) !=
          cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0),
          false
        ) if i < j
      ]
    ]))
    error_message = "Subnet CIDRs must not overlap, within a tier or across tiers; give every subnet its own range."
  }

  validation {
    condition = (
      floor(var.network.nat_gateway_count) == var.network.nat_gateway_count &&
      var.network.nat_gateway_count >= 1 &&
      var.network.nat_gateway_count <= length(var.network.availability_zones)
    )
    error_message = "network.nat_gateway_count must be a whole number from 1 to the number of availability zones (one per AZ for high availability)."
  }
}

variable "flow_logs" {
  description = "VPC flow log delivery: retention_in_days of the CloudWatch log group, and kms_key_arn, the KMS key (or alias) ARN that encrypts it."
  type = object({
    retention_in_days = number
    kms_key_arn       = string
  })
  nullable = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_logs.retention_in_days)
    error_message = "flow_logs.retention_in_days must be one of CloudWatch Logs' values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]:[0-9]{12}:(key/(mrk-)?[0-9a-f-]{32,36}|alias/[A-Za-z0-9/_-]+)$", var.flow_logs.kms_key_arn))
    error_message = "flow_logs.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) or alias ARN (arn:aws:kms:<region>:<account>:alias/<name>)."
  }
}

variable "endpoints" {
  description = <<-EOT
    Interface VPC endpoints: interface_services by short service name (ecr.api,
    secretsmanager, ...), and az_count, in how many of the private subnets (the
    first ones, in AZ order) they get network interfaces. S3 and DynamoDB are
    always gateway endpoints and must not be listed.
  EOT
  type = object({
    interface_services = list(string)
    az_count           = number
  })
  nullable = false

  validation {
    condition = alltrue([for s in var.endpoints.interface_services :
      can(regex("^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*$", s)) && !startswith(s, "com.amazonaws.")
    ])
    error_message = "endpoints.interface_services must be short service names in lower case, such as ecr.api, secretsmanager or ssmmessages (no com.amazonaws.<region> prefix)."
  }

  validation {
    condition     = length(distinct(var.endpoints.interface_services)) == length(var.endpoints.interface_services)
    error_message = "endpoints.interface_services must not list a service twice."
  }

  validation {
    condition     = !contains(var.endpoints.interface_services, "s3") && !contains(var.endpoints.interface_services, "dynamodb")
    error_message = "endpoints.interface_services must not list s3 or dynamodb: the module always creates gateway endpoints for them."
  }

  validation {
    condition     = floor(var.endpoints.az_count) == var.endpoints.az_count && var.endpoints.az_count >= 1 && var.endpoints.az_count <= 3
    error_message = "endpoints.az_count must be a whole number from 1 to 3 (and no more than the number of availability zones)."
  }
}

