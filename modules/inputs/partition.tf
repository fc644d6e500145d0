variable "partition" {
  type        = string
  description = "AWS partition (aws, aws-cn, aws-us-gov) used in the ARNs the module builds."
  default     = "aws"
  nullable    = false

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.partition)
    error_message = "partition must be aws, aws-cn or aws-us-gov."
  }
}
