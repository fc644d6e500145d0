variable "permissions_boundary_arn" {
  type        = string
  description = "Permissions boundary of every IAM role the module creates: the account's lookcard-<account>-workload-boundary (bootstrap/). The deploy role may create a role only with it. Null only outside the pipeline (tests)."
  default     = null

  validation {
    condition     = var.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/lookcard-[a-z0-9-]+-workload-boundary$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be null or the ARN of a lookcard-<account>-workload-boundary policy (arn:aws:iam::<account>:policy/lookcard-<account>-workload-boundary)."
  }
}
