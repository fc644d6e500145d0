# The valid LookCard address plan every test file here starts from (both
# engines load *.auto.tfvars from the test directory); a run or a file's own
# variables block overrides what it changes.

name_prefix = "lookcard-test"
region      = "ap-southeast-1"

network = {
  cidr               = "10.0.0.0/16"
  availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
  public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
  private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
  database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
  isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
  nat_gateway_count  = 3
}

flow_logs = {
  retention_in_days = 365
  kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-logs"
}

endpoints = {
  interface_services = ["ecr.api", "ecr.dkr", "secretsmanager", "kms", "logs", "sts", "ssm", "ssmmessages", "ec2messages", "xray"]
  az_count           = 3
}
