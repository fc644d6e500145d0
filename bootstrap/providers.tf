# Run with administrator credentials (MFA) of the account being bootstrapped.
# Every resource is tagged through default_tags, as in the main root.
provider "aws" {
  region              = var.region
  allowed_account_ids = var.account_id == null ? null : [var.account_id]

  default_tags {
    tags = {
      Project            = "lookcard"
      Environment        = var.account_name
      ManagedBy          = "terraform"
      DataClassification = "confidential"
      GitCommit          = var.git_commit_hash
    }
  }
}
