# The inputs every test file here starts from (both engines load *.auto.tfvars
# from the test directory); a run's own variables override what it changes.

name_prefix          = "lookcard-test"
account_id           = "123456789012"
region               = "ap-southeast-1"
db_subnet_group_name = "lookcard-test-database"
proxy_subnet_ids     = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"]
security_group_ids = {
  cluster = "sg-0aaaaaaaaaaaaaaa1"
  proxy   = "sg-0bbbbbbbbbbbbbbb2"
}
kms_key_arns = {
  data    = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
  secrets = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
}
availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
logs = {
  kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444"
  retention_in_days = 365
}
