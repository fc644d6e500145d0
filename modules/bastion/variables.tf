variable "enabled" {
  type        = bool
  description = "Whether the bastion exists at all. When false the module creates nothing and every output is null."
  nullable    = false
}

variable "vpc_id" {
  type        = string
  description = "VPC of the bastion's security group."
  nullable    = false

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as vpc-0123456789abcdef0."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR of the VPC; the bastion may reach port 443 in it (the SSM, ssmmessages, logs and kms interface endpoints)."
  nullable    = false

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && can(regex("^[0-9.]+/[0-9]+$", var.vpc_cidr)) && try(cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr, false)
    error_message = "vpc_cidr must be an IPv4 network in CIDR notation with no host bits set, such as 10.20.0.0/16."
  }
}

variable "subnet_id" {
  type        = string
  description = "Private subnet (no route to an internet gateway) that the bastion runs in."
  nullable    = false

  validation {
    condition     = can(regex("^subnet-[0-9a-f]{8,17}$", var.subnet_id))
    error_message = "subnet_id must be a subnet ID such as subnet-0123456789abcdef0."
  }
}

variable "instance_type" {
  type        = string
  description = "Graviton (arm64) instance type; the default AMI is arm64."
  default     = "t4g.micro"
  nullable    = false

  validation {
    # Family = letters, generation digits, "g" for Graviton, then optional
    # attribute letters: t4g, m7g, c7g, m7gd, c7gn, r8g, im4gn, is4gen.
    condition     = can(regex("^[a-z]+[0-9]+g[a-z]*\\.[a-z0-9-]+$", var.instance_type))
    error_message = "instance_type must be a Graviton (arm64) type whose family has a \"g\" after the generation number, such as t4g.micro, m7g.large or c7g.large; x86 types such as t3.micro do not boot the arm64 AMI."
  }
}

variable "ami_ssm_parameter" {
  type        = string
  description = "Public SSM parameter that names the AMI (Amazon Linux 2023, arm64, latest). A new AMI replaces the (stateless) bastion on the next apply."
  default     = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
  nullable    = false

  validation {
    condition     = can(regex("^/aws/service/", var.ami_ssm_parameter))
    error_message = "ami_ssm_parameter must be an AWS public parameter under /aws/service/, such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64."
  }
}

variable "logs_kms_key_arn" {
  type        = string
  description = "ARN of the \"logs\" KMS key (a key ARN, not an alias: CloudWatch Logs and IAM resource statements need the key itself). Encrypts the session log group and session data."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.logs_kms_key_arn))
    error_message = "logs_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); alias ARNs are not accepted by CloudWatch Logs."
  }
}

variable "ebs_kms_key_arn" {
  type        = string
  description = "Optional KMS key ARN for the root volume; null uses the account's default EBS encryption key. The volume is encrypted either way."
  default     = null

  validation {
    condition     = var.ebs_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.ebs_kms_key_arn))
    error_message = "ebs_kms_key_arn must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Retention of the session log group. PCI DSS 10.5.1 asks for at least 365 days of audit history."
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of CloudWatch Logs' values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 (never-expire is not allowed)."
  }
}

variable "egress_cidrs" {
  description = <<-EOT
    Extra TCP egress by rule name, such as
    { postgres = { port = 5432, cidr = "10.20.32.0/20", description = "Aurora PostgreSQL in the database subnets" } }.
    Port 443 to vpc_cidr is always allowed (SSM endpoints); nothing else is.
  EOT
  type = map(object({
    port        = number
    cidr        = string
    description = string
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for k in keys(var.egress_cidrs) : can(regex("^[a-z0-9-]{1,40}$", k))])
    error_message = "egress_cidrs keys must be short rule names in lower-case letters, digits and dashes, such as postgres."
  }

  validation {
    condition     = alltrue([for r in values(var.egress_cidrs) : try(r.port >= 1 && r.port <= 65535 && floor(r.port) == r.port, false)])
    error_message = "egress_cidrs[*].port must be a whole TCP port number from 1 to 65535."
  }

  validation {
    condition = alltrue([for r in values(var.egress_cidrs) : try(
      can(regex("^[0-9.]+/[0-9]+$", r.cidr)) && cidrsubnet(r.cidr, 0, 0) == r.cidr && tonumber(split("/", r.cidr)[1]) >= 8,
    false)])
    error_message = "egress_cidrs[*].cidr must be an IPv4 network in CIDR notation with no host bits set and a prefix of /8 or longer (no 0.0.0.0/0: the bastion has no business on the internet)."
  }

  validation {
    condition     = alltrue([for r in values(var.egress_cidrs) : try(can(regex("^[a-zA-Z0-9. _:/()#,@+=&;{}!$*-]{3,255}$", r.description)), false)])
    error_message = "egress_cidrs[*].description must say what the rule reaches, in 3 to 255 of the characters AWS allows (letters, digits, spaces and ._-:/()#,@+=&;{}!$*)."
  }
}

