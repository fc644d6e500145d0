# A cut-down root module: the variables lookcard doctor reads.
variable "environment" {
  type = string
}

variable "preview" {
  type    = string
  default = ""
}

variable "git_branch" {
  type    = string
  default = "unknown"
}

variable "git_commit_hash" {
  type    = string
  default = "uncommitted"
}

variable "aws_region" {
  type    = string
  default = "ap-southeast-1"
}

variable "aws_account_id" {
  type = string
}

variable "deploy_role_name" {
  type    = string
  default = "lookcard-terraform-deploy"
}

variable "kms" {
  type = object({
    deletion_window_in_days  = optional(number, 30)
    administrator_role_names = optional(list(string), [])
  })
  default = {}
}

variable "aurora" {
  type = object({
    engine_version = optional(string, "16.6")
    min_capacity   = optional(number, 0.5)
  })
  default = {}
}

variable "secrets" {
  type = object({
    rotation_days                 = optional(number, 90)
    rotation_reserved_concurrency = optional(number, 3)
  })
  default = {}
}

variable "compute" {
  type = object({
    image_tag = optional(string)
  })
  default = {}
}

variable "assume_deploy_role" {
  type     = bool
  default  = true
  nullable = false
}
