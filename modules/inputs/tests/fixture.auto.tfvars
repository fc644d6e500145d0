# Valid values of every shared input; each run breaks exactly one.

name_prefix        = "lookcard-develop"
account_id         = "123456789012"
region             = "ap-southeast-1"
partition          = "aws"
environment        = "develop"
availability_zones = ["ap-southeast-1a", "ap-southeast-1b"]
vpc_id             = "vpc-0123456789abcdef0"

permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-develop-workload-boundary"

logs = {
  kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444"
  retention_in_days = 365
}

origin_verify_header_name  = "x-origin-verify"
origin_verify_header_value = "not-a-real-secret"
