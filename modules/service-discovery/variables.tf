variable "namespace_name" {
  type        = string
  description = "Private DNS namespace the internal services register in, e.g. develop.lookcard.internal; a service is then reached as <service>.<namespace_name>."
  nullable    = false

  validation {
    condition     = length(var.namespace_name) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+internal$", var.namespace_name))
    error_message = "namespace_name must be a lower-case DNS name ending in .internal (labels of letters, digits and dashes, 1-63 characters, not starting or ending with a dash), e.g. develop.lookcard.internal."
  }
}

