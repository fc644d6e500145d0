# The inputs every test file here starts from (both engines load *.auto.tfvars
# from the test directory); a run's own variables override what it changes.

name_prefix = "lookcard-test"
account_id  = "123456789012"
region      = "ap-southeast-1"

alerting = {
  kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
  subscriptions = {
    oncall   = { protocol = "https", endpoint = "https://events.example.com/integration/abc", severity = "critical" }
    platform = { protocol = "email", endpoint = "platform@example.com", severity = "warning" }
  }
}

monitoring = { level = "full" }

clusters           = ["lookcard-test-core-application", "lookcard-test-listener", "lookcard-test-cronjob"]
container_insights = true

services = {
  card-api = {
    cluster_name = "lookcard-test-core-application", service_name = "lookcard-test-card-api", kind = "api",
    exposed      = true, desired = 2, target_group_arn_suffix = "targetgroup/lookcard-test-card-api/0123456789abcdef"
  }
  user-api = {
    cluster_name = "lookcard-test-core-application", service_name = "lookcard-test-user-api", kind = "api",
    exposed      = true, desired = 1, target_group_arn_suffix = "targetgroup/lookcard-test-user-api/0123456789abcdef"
  }
  crypto-listener = {
    cluster_name = "lookcard-test-listener", service_name = "lookcard-test-crypto-listener", kind = "listener",
    exposed      = false, desired = 1
  }
  settlement-job = {
    cluster_name           = "lookcard-test-cronjob", kind = "job", exposed = false, desired = 0,
    dead_letter_queue_name = "lookcard-test-settlement-job-dlq"
  }
}

alb_arn_suffix       = "app/lookcard-test/0123456789abcdef"
aurora               = { cluster_identifier = "lookcard-test-aurora", max_capacity = 8, readers = 1 }
rds_proxy_name       = "lookcard-test-proxy"
redis                = { replication_group_id = "lookcard-test-redis", replicas = 1 }
dynamodb_table_names = ["lookcard-test-card-api-idempotency-keys", "lookcard-test-crypto-listener-chain-cursors"]
api_gateway          = { api_name = "lookcard-test-api", stage = "v1" }
nat_gateway_ids      = ["nat-0123456789abcdef0", "nat-0123456789abcdef1"]

xray = { sampling_rate = 0.05 }
