# OpenTofu's copy of state_key.tftest.hcl (OpenTofu reads this file instead of
# that one): identical but for override_during = plan, which OpenTofu does not
# have (it applies overrides during plan anyway) and Terraform needs.

variables {
  account_name                      = "production"
  region                            = "ap-southeast-1"
  git_commit_hash                   = "0123456789abcdef0123456789abcdef01234567"
  noncurrent_version_retention_days = 90
  admin_principal_arns              = ["arn:aws:iam::210000000001:role/lookcard-identity-platform-admin"]
}

run "objects_are_encrypted_with_the_state_key" {
  command = plan

  override_resource {
    target = aws_kms_key.state
    values = { arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555" }
  }

  assert {
    condition = module.state_bucket.server_side_encryption == {
      sse_algorithm      = "aws:kms"
      kms_master_key_id  = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
      bucket_key_enabled = true
    }
    error_message = "Default encryption must be SSE-KMS with the state key and an S3 Bucket Key."
  }

  assert {
    condition     = one([for s in jsondecode(module.state_bucket.policy).Statement : s if s.Sid == "DenyPutObjectWithoutSseKms"]).Condition.StringNotEquals["s3:x-amz-server-side-encryption"] == "aws:kms"
    error_message = "The bucket policy must refuse writes that do not ask for SSE-KMS."
  }

  assert {
    condition     = one([for s in jsondecode(module.state_bucket.policy).Statement : s if s.Sid == "DenyPutObjectWithAnotherKey"]).Condition.StringNotEquals["s3:x-amz-server-side-encryption-aws-kms-key-id"] == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    error_message = "The bucket policy must refuse writes encrypted with any key but the state key."
  }

  assert {
    condition     = aws_kms_key.state.enable_key_rotation && aws_kms_key.state.deletion_window_in_days == 30
    error_message = "The state key must rotate and have a 30-day deletion window."
  }

  assert {
    condition     = aws_kms_alias.state.name == "alias/lookcard-terraform-state"
    error_message = "The state key's alias must be alias/lookcard-terraform-state."
  }
}

run "bucket_policy_denies_non_tls" {
  command = plan

  override_resource {
    target = aws_kms_key.state
    values = { arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555" }
  }

  assert {
    condition = length([for s in jsondecode(module.state_bucket.policy).Statement : s
      if s.Effect == "Deny" && s.Principal == "*" && s.Action == "s3:*" &&
      try(s.Condition.Bool["aws:SecureTransport"], null) == "false" &&
      toset(flatten([s.Resource])) == toset(["arn:aws:s3:::lookcard-terraform-state-production", "arn:aws:s3:::lookcard-terraform-state-production/*"])
    ]) == 1
    error_message = "The bucket policy must deny every request over plain HTTP, to the bucket and its objects."
  }
}

run "lock_table_has_lockid_pitr_and_encryption" {
  command = plan

  override_resource {
    target = aws_kms_key.state
    values = { arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555" }
  }

  assert {
    condition     = aws_dynamodb_table.locks.hash_key == "LockID" && one(aws_dynamodb_table.locks.attribute).name == "LockID" && one(aws_dynamodb_table.locks.attribute).type == "S"
    error_message = "The lock table's hash key must be the string LockID, as the S3 backend expects."
  }

  assert {
    condition     = aws_dynamodb_table.locks.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.locks.deletion_protection_enabled
    error_message = "The lock table must be on-demand and protected from deletion."
  }

  assert {
    condition     = one(aws_dynamodb_table.locks.point_in_time_recovery).enabled
    error_message = "The lock table must have point-in-time recovery."
  }

  assert {
    condition     = one(aws_dynamodb_table.locks.server_side_encryption).enabled && one(aws_dynamodb_table.locks.server_side_encryption).kms_key_arn == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    error_message = "The lock table must be encrypted with the state key."
  }
}
