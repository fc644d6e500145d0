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

  # The account's workload permissions boundary (bootstrap/, modules/access):
  # every role of this stack carries it, or the deploy role may not create
  # it. Per account, so previews use the sandbox account's.
  permissions_boundary_arn = "arn:${local.partition}:iam::${local.account_id}:policy/lookcard-${var.environment}-workload-boundary"
}
