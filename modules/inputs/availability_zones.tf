variable "availability_zones" {
  type        = list(string)
  description = "AZs in placement order: the primary (writer) goes to the first, replica (reader) i to AZ i+1. The subnet group must cover them."
  nullable    = false

  validation {
    condition     = length(var.availability_zones) >= 1 && length(distinct(var.availability_zones)) == length(var.availability_zones) && alltrue([for az in var.availability_zones : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$", az))])
    error_message = "availability_zones must be a non-empty list of distinct AZ names such as ap-southeast-1a."
  }
}
