variable "region" {
  type        = string
  description = "Region of the module's resources (the aws provider's); the ARNs it writes into policies and outputs are built from it."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-southeast-1."
  }
}
