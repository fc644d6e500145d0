# The inputs every test file here starts from (both engines load *.auto.tfvars
# from the test directory); a file's or a run's own variables override what
# they change.

name_prefix = "lookcard-test"
scope       = "REGIONAL"
enabled     = true

associations = {
  alb = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/lookcard-test/0123456789abcdef"
}

managed_rule_groups = {
  AWSManagedRulesCommonRuleSet = { priority = 10, action = "block" }
}

rate_limits = {
  per_ip           = 2000
  sensitive_per_ip = 300
  sensitive_paths  = ["/v1/cards", "/v1/crypto", "/v1/auth"]
}

allow_cidrs = ["203.0.113.0/24"]

logs = {
  kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
  retention_in_days = 365
}
