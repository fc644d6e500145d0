terraform {
  # Language features used here are shared by Terraform >= 1.7 and OpenTofu >= 1.8.
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # No backend block on purpose: the first apply keeps its state locally, then
  # the state is migrated into the bucket this root creates (see README.md).
}
