# Guarantees of the state backend bootstrap, planned against the real AWS
# provider schema. The key ARN is unknown at plan time offline; the runs that
# follow it into the bucket encryption, bucket policy and lock table override
# it with a known value. No provider block: the runs use the root's own
# provider configuration (providers.tf), default_tags included.

variables {
  account_name                      = "production"
  region                            = "ap-southeast-1"
  git_commit_hash                   = "0123456789abcdef0123456789abcdef01234567"
  noncurrent_version_retention_days = 90
  admin_role_arns                   = ["arn:aws:iam::123456789012:role/lookcard-platform-admin"]
}

run "versioning_is_enabled" {
  command = plan

  assert {
    condition     = module.state_bucket.versioning_status == "Enabled"
    error_message = "The state bucket must keep every version of the state."
  }
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

run "public_access_is_fully_blocked" {
  command = plan

  assert {
    condition = alltrue([
      module.state_bucket.public_access_block.block_public_acls,
      module.state_bucket.public_access_block.block_public_policy,
      module.state_bucket.public_access_block.ignore_public_acls,
      module.state_bucket.public_access_block.restrict_public_buckets,
    ])
    error_message = "All four public access block settings must be on."
  }

  assert {
    condition     = module.state_bucket.object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)."
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
      toset(s.Resource) == toset(["arn:aws:s3:::lookcard-terraform-state-production", "arn:aws:s3:::lookcard-terraform-state-production/*"])
    ]) == 1
    error_message = "The bucket policy must deny every request over plain HTTP, to the bucket and its objects."
  }
}

run "lifecycle_expires_noncurrent_versions" {
  command = plan

  assert {
    condition     = one(one(module.state_bucket.lifecycle_rules).noncurrent_version_expiration).noncurrent_days == 90
    error_message = "Noncurrent state versions must expire after noncurrent_version_retention_days."
  }

  assert {
    condition     = one(one(module.state_bucket.lifecycle_rules).abort_incomplete_multipart_upload).days_after_initiation == 7
    error_message = "Incomplete multipart uploads must be aborted after 7 days."
  }

  assert {
    condition     = one(module.state_bucket.lifecycle_rules).status == "Enabled" && length(one(module.state_bucket.lifecycle_rules).expiration) == 0
    error_message = "The rule must be enabled and must never expire the current state version."
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

run "names_follow_lookcard_terraform_state_account" {
  command = plan

  assert {
    condition     = module.state_bucket.name == "lookcard-terraform-state-production" && output.state_bucket == "lookcard-terraform-state-production"
    error_message = "The state bucket must be lookcard-terraform-state-<account_name>."
  }

  assert {
    condition     = aws_dynamodb_table.locks.name == "lookcard-terraform-locks" && output.lock_table == "lookcard-terraform-locks"
    error_message = "The lock table must default to lookcard-terraform-locks, the name `lookcard init` uses."
  }

  assert {
    condition     = output.backend_config.bucket == "lookcard-terraform-state-production" && output.backend_config.dynamodb_table == "lookcard-terraform-locks" && output.backend_config.encrypt && output.backend_config.region == "ap-southeast-1"
    error_message = "backend_config must name the bucket, lock table and region, with encryption on."
  }

  assert {
    condition     = output.backend_config_native_locking.use_lockfile && !contains(keys(output.backend_config_native_locking), "dynamodb_table")
    error_message = "The native-locking alternative must use the lock file instead of the table."
  }
}

run "bucket_name_can_be_overridden" {
  command = plan

  variables {
    account_name      = "shared"
    state_bucket_name = "lookcard-shared-tfstate-ap1"
  }

  assert {
    condition     = module.state_bucket.name == "lookcard-shared-tfstate-ap1"
    error_message = "state_bucket_name must replace the default name."
  }
}

run "key_policy_is_root_and_admins_only" {
  command = plan

  assert {
    condition = toset([for s in jsondecode(aws_kms_key.state.policy).Statement : jsonencode(s.Principal)]) == toset([
      jsonencode({ AWS = "arn:aws:iam::123456789012:root" }),
      jsonencode({ AWS = ["arn:aws:iam::123456789012:role/lookcard-platform-admin"] }),
    ])
    error_message = "The state key policy must name only the account root and the admin roles."
  }

  assert {
    condition     = !contains(one([for s in jsondecode(aws_kms_key.state.policy).Statement : s if s.Sid == "KeyAdministrators"]).Action, "kms:Decrypt")
    error_message = "Key administrators must not be able to decrypt state through the key policy."
  }
}

run "everything_is_tagged" {
  command = plan

  assert {
    condition     = module.state_bucket.tags_all["Environment"] == "production" && module.state_bucket.tags_all["DataClassification"] == "confidential" && module.state_bucket.tags_all["GitCommit"] == "0123456789abcdef0123456789abcdef01234567"
    error_message = "default_tags must tag every resource with the account, classification and commit."
  }
}

run "rejects_abbreviated_account_name" {
  command = plan

  variables {
    account_name = "prod"
  }

  expect_failures = [var.account_name]
}

run "rejects_retention_below_30_days" {
  command = plan

  variables {
    noncurrent_version_retention_days = 5
  }

  expect_failures = [var.noncurrent_version_retention_days]
}

run "rejects_non_role_admin" {
  command = plan

  variables {
    admin_role_arns = ["arn:aws:iam::123456789012:user/alice"]
  }

  expect_failures = [var.admin_role_arns]
}

run "rejects_malformed_account_id" {
  command = plan

  variables {
    account_id = "12345"
  }

  expect_failures = [var.account_id]
}

run "the_account_gets_its_ci_and_human_roles" {
  command = plan

  assert {
    condition     = length(module.access) == 1
    error_message = "Every environment account gets the access roles."
  }
}

run "the_shared_account_gets_no_environment_roles" {
  command = plan

  variables {
    account_name = "shared"
  }

  assert {
    condition     = length(module.access) == 0
    error_message = "The shared account has no environment deploy role."
  }
}
