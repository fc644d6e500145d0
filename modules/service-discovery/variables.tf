variable "name_prefix" {
  type        = string
  description = "Prefix of every name, lookcard-<env> (or lookcard-<env>-<preview>)."
  nullable    = false

  validation {
    condition     = can(regex("^lookcard-[a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must look like lookcard-<env>: lower-case letters, digits and dashes."
  }
}

variable "namespace_name" {
  type        = string
  description = "Private DNS namespace the internal services register in, e.g. develop.lookcard.internal; a service is then reached as <service>.<namespace_name>."
  nullable    = false

  validation {
    condition     = length(var.namespace_name) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+internal$", var.namespace_name))
    error_message = "namespace_name must be a lower-case DNS name ending in .internal (labels of letters, digits and dashes, 1-63 characters, not starting or ending with a dash), e.g. develop.lookcard.internal."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC whose resolver answers for the namespace (Cloud Map creates a private Route 53 hosted zone associated with it)."
  nullable    = false

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID (vpc-...)."
  }
}
