variable "environment" {
  type        = string
  description = "One of the five LookCard environments; `lookcard` picks it from the git branch, and a module's README says what each changes."
  nullable    = false

  validation {
    condition     = contains(["develop", "testing", "staging", "production", "sandbox"], var.environment)
    error_message = "environment must be one of develop, testing, staging, production, sandbox."
  }
}
