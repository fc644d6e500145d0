variable "name_prefix" {
  type        = string
  description = "Prefix of every name, lookcard-<env> (or lookcard-<env>-<preview>); the module's README says which names it builds from it."
  nullable    = false

  validation {
    condition     = can(regex("^lookcard-[a-z0-9-]{2,30}$", var.name_prefix))
    error_message = "name_prefix must look like lookcard-<env>: lower-case letters, digits and dashes."
  }
}
