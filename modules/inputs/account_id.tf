variable "account_id" {
  type        = string
  description = "AWS account the module's resources live in; the ARNs it writes into policies, trust conditions and outputs are built from it, so they are known at plan time."
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}
