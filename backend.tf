terraform {
  # Partial configuration: bucket, key, region, dynamodb_table and profile come
  # from -backend-config (`lookcard init` derives them from the branch), because
  # neither engine allows variables here.
  backend "s3" {
    encrypt = true
  }
}
