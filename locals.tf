locals {
  # lookcard-<env>, or lookcard-<env>-<preview> for a sandbox preview branch.
  name_prefix = var.preview == "" ? "lookcard-${var.environment}" : "lookcard-${var.environment}-${var.preview}"

  tags = {
    Project            = "lookcard"
    Environment        = var.environment
    ManagedBy          = "terraform"
    GitCommit          = var.git_commit_hash
    DataClassification = var.data_classification
  }

  account_id = var.aws_account_id
  partition  = "aws"
}
