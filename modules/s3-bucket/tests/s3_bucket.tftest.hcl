# Guarantees of the s3-bucket module, planned against the real AWS provider
# schema. One run per guarantee; the negative runs prove the inputs that must
# be refused are refused.

provider "aws" {
  region = "ap-southeast-1"

  default_tags {
    tags = { Environment = "test" }
  }
}

# Used where the canonical user ID of the account must be known.
mock_provider "aws" {
  alias = "mock"

  mock_data "aws_canonical_user_id" {
    defaults = {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}

variables {
  name       = "lookcard-test-example-123456789012"
  encryption = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111" }
}

run "public_access_is_fully_blocked" {
  command = plan

  assert {
    condition = (
      aws_s3_bucket_public_access_block.this.block_public_acls &&
      aws_s3_bucket_public_access_block.this.block_public_policy &&
      aws_s3_bucket_public_access_block.this.ignore_public_acls &&
      aws_s3_bucket_public_access_block.this.restrict_public_buckets
    )
    error_message = "All four public access block settings must be on."
  }

  assert {
    condition     = output.public_access_block == { block_public_acls = true, block_public_policy = true, ignore_public_acls = true, restrict_public_buckets = true }
    error_message = "The public_access_block output must report the four planned settings."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.this.bucket == "lookcard-test-example-123456789012"
    error_message = "The block must apply to this bucket."
  }
}

run "acls_are_disabled_by_default" {
  command = plan

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced" && output.object_ownership == "BucketOwnerEnforced"
    error_message = "Object ownership must default to BucketOwnerEnforced (ACLs disabled)."
  }

  assert {
    condition     = length(aws_s3_bucket_acl.this) == 0 && length(data.aws_canonical_user_id.current) == 0 && output.acl_grants == []
    error_message = "Without acl_grants the module must not manage an ACL."
  }
}

run "tls_only_statements_are_always_present" {
  command = plan

  assert {
    condition = jsondecode(aws_s3_bucket_policy.this.policy) == {
      Version = "2012-10-17"
      Statement = [
        {
          Sid       = "DenyInsecureTransport"
          Effect    = "Deny"
          Principal = "*"
          Action    = "s3:*"
          Resource  = ["arn:aws:s3:::lookcard-test-example-123456789012", "arn:aws:s3:::lookcard-test-example-123456789012/*"]
          Condition = { Bool = { "aws:SecureTransport" = "false" } }
        },
        {
          Sid       = "DenyOutdatedTls"
          Effect    = "Deny"
          Principal = "*"
          Action    = "s3:*"
          Resource  = ["arn:aws:s3:::lookcard-test-example-123456789012", "arn:aws:s3:::lookcard-test-example-123456789012/*"]
          Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
        },
      ]
    }
    error_message = "Without extra statements the policy must deny requests without TLS and with TLS below 1.2, on the bucket and its objects, and nothing else."
  }

  assert {
    condition     = output.policy == aws_s3_bucket_policy.this.policy
    error_message = "The policy output must be the planned policy."
  }
}

run "extra_statements_are_merged_after_the_tls_statements" {
  command = plan

  variables {
    policy_statements = [
      {
        Sid       = "ServiceWrites"
        Effect    = "Allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::lookcard-test-example-123456789012/logs/*"
        Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
      },
      {
        Sid       = "DenyUnencryptedPuts"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::lookcard-test-example-123456789012/*"
        Condition = { StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" } }
      },
    ]
  }

  assert {
    condition     = [for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Sid] == ["DenyInsecureTransport", "DenyOutdatedTls", "ServiceWrites", "DenyUnencryptedPuts"]
    error_message = "The caller's statements must follow the module's TLS statements, in the caller's order."
  }

  assert {
    condition = one([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s if s.Sid == "ServiceWrites"]) == {
      Sid       = "ServiceWrites"
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::lookcard-test-example-123456789012/logs/*"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }
    error_message = "A caller's statement must reach the policy unchanged."
  }
}

run "a_legacy_policy_keeps_its_sid_and_order" {
  command = plan

  variables {
    secure_transport = { deny_tls_below_1_2 = false, sid = "DenyNonTlsRequests", position = "last" }
    policy_statements = [{
      Sid       = "ServiceWrites"
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::lookcard-test-example-123456789012/AWSLogs/123456789012/*"
    }]
  }

  assert {
    condition     = [for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Sid] == ["ServiceWrites", "DenyNonTlsRequests"]
    error_message = "position = last must put the TLS statement after the caller's, with the given Sid and without DenyOutdatedTls."
  }

  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Condition if s.Sid == "DenyNonTlsRequests"]) == { Bool = { "aws:SecureTransport" = "false" } } && one([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s.Effect if s.Sid == "DenyNonTlsRequests"]) == "Deny"
    error_message = "The renamed statement must still deny every request without TLS."
  }
}

run "sse_kms_with_the_given_key_and_a_bucket_key" {
  command = plan

  assert {
    condition = [for r in aws_s3_bucket_server_side_encryption_configuration.this.rule : [
      one(r.apply_server_side_encryption_by_default).sse_algorithm, one(r.apply_server_side_encryption_by_default).kms_master_key_id, r.bucket_key_enabled
    ]] == [["aws:kms", "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111", true]]
    error_message = "With kms_key_arn the default must be SSE-KMS with that key and an S3 Bucket Key."
  }

  assert {
    condition     = output.server_side_encryption == { sse_algorithm = "aws:kms", kms_master_key_id = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111", bucket_key_enabled = true }
    error_message = "The server_side_encryption output must report the planned rule."
  }
}

run "sse_s3_only_when_asked" {
  command = plan

  variables {
    encryption = { sse_s3 = true }
  }

  assert {
    condition     = output.server_side_encryption.sse_algorithm == "AES256" && output.server_side_encryption.bucket_key_enabled == false
    error_message = "With sse_s3 the default must be SSE-S3 (AES256) without a bucket key."
  }
}

run "versioning_is_enabled_by_default" {
  command = plan

  assert {
    condition     = one(aws_s3_bucket_versioning.this.versioning_configuration).status == "Enabled" && output.versioning_status == "Enabled"
    error_message = "Buckets must be versioned unless asked otherwise."
  }
}

run "versioning_can_be_suspended" {
  command = plan

  variables {
    versioning = false
  }

  assert {
    condition     = output.versioning_status == "Suspended"
    error_message = "versioning = false must suspend versioning."
  }
}

run "lifecycle_rules_are_rendered" {
  command = plan

  variables {
    lifecycle_rules = [
      {
        id                                 = "archive-then-expire"
        transitions                        = [{ days = 90, storage_class = "GLACIER" }]
        expiration_days                    = 2555
        noncurrent_version_expiration_days = 30
      },
      {
        id                                     = "tmp"
        prefix                                 = "tmp/"
        expiration_days                        = 1
        abort_incomplete_multipart_upload_days = 2
      },
    ]
  }

  assert {
    condition     = [for r in aws_s3_bucket_lifecycle_configuration.this[0].rule : r.id] == ["archive-then-expire", "tmp"] && alltrue([for r in aws_s3_bucket_lifecycle_configuration.this[0].rule : r.status == "Enabled"])
    error_message = "Every rule must be rendered, in order, enabled."
  }

  assert {
    condition = (
      [for t in aws_s3_bucket_lifecycle_configuration.this[0].rule[0].transition : [t.days, t.storage_class]] == [[90, "GLACIER"]] &&
      one(aws_s3_bucket_lifecycle_configuration.this[0].rule[0].expiration).days == 2555 &&
      one(aws_s3_bucket_lifecycle_configuration.this[0].rule[0].noncurrent_version_expiration).noncurrent_days == 30 &&
      one(aws_s3_bucket_lifecycle_configuration.this[0].rule[0].abort_incomplete_multipart_upload).days_after_initiation == 7
    )
    error_message = "A rule must carry its transitions, expiration, noncurrent version expiration, and abort incomplete uploads after 7 days by default."
  }

  assert {
    condition = (
      one(aws_s3_bucket_lifecycle_configuration.this[0].rule[1].filter).prefix == "tmp/" &&
      length(aws_s3_bucket_lifecycle_configuration.this[0].rule[1].transition) == 0 &&
      length(aws_s3_bucket_lifecycle_configuration.this[0].rule[1].noncurrent_version_expiration) == 0 &&
      one(aws_s3_bucket_lifecycle_configuration.this[0].rule[1].abort_incomplete_multipart_upload).days_after_initiation == 2
    )
    error_message = "A rule must carry only the actions asked for, under its prefix."
  }

  assert {
    condition     = length(output.lifecycle_rules) == 2 && output.lifecycle_rules[0].id == "archive-then-expire"
    error_message = "The lifecycle_rules output must report the planned rules."
  }
}

run "no_lifecycle_configuration_without_rules" {
  command = plan

  assert {
    condition     = length(aws_s3_bucket_lifecycle_configuration.this) == 0 && output.lifecycle_rules == []
    error_message = "Without lifecycle_rules there is no lifecycle configuration."
  }
}

run "log_delivery_acl_with_bucket_owner_preferred" {
  command = plan

  providers = {
    aws = aws.mock
  }

  variables {
    encryption = { sse_s3 = true }
    ownership = {
      object_ownership = "BucketOwnerPreferred"
      acl_grants       = [{ canonical_user_id = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0", permission = "FULL_CONTROL" }]
    }
  }

  assert {
    condition     = output.object_ownership == "BucketOwnerPreferred"
    error_message = "ownership.object_ownership must be applied."
  }

  assert {
    condition = toset(output.acl_grants) == toset([
      "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be=FULL_CONTROL",
      "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0=FULL_CONTROL",
    ]) && one(aws_s3_bucket_acl.this[0].access_control_policy[0].owner).id == "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    error_message = "The ACL must grant the bucket owner and the given grantees, nobody else."
  }
}

run "no_object_lock_by_default" {
  command = plan

  assert {
    condition     = aws_s3_bucket.this[0].object_lock_enabled == false && length(aws_s3_bucket_object_lock_configuration.this) == 0 && output.object_lock == { enabled = false, mode = null, days = null }
    error_message = "Object Lock must stay off unless asked for."
  }
}

run "object_lock_default_retention_when_asked" {
  command = plan

  variables {
    object_lock = { mode = "GOVERNANCE", days = 2555 }
  }

  assert {
    condition     = aws_s3_bucket.this[0].object_lock_enabled == true
    error_message = "Object Lock must be enabled on the bucket itself (only possible at creation)."
  }

  assert {
    condition     = output.object_lock == { enabled = true, mode = "GOVERNANCE", days = 2555 }
    error_message = "Every new object must be locked in the given mode for the given days."
  }
}

run "the_bucket_is_named_tagged_and_not_force_destroyed" {
  command = plan

  variables {
    tags = { Service = "web-app" }
  }

  assert {
    condition     = aws_s3_bucket.this[0].bucket == "lookcard-test-example-123456789012" && output.name == "lookcard-test-example-123456789012" && output.arn == "arn:aws:s3:::lookcard-test-example-123456789012"
    error_message = "The bucket must have the given name; name and arn must be known at plan time."
  }

  assert {
    condition     = aws_s3_bucket.this[0].tags == tomap({ Name = "lookcard-test-example-123456789012", Service = "web-app" }) && output.tags_all["Environment"] == "test"
    error_message = "The bucket carries Name = its name plus the given tags; default_tags come from the provider."
  }

  assert {
    condition     = aws_s3_bucket.this[0].force_destroy == false
    error_message = "force_destroy must be off unless asked for."
  }
}

run "prevent_destroy_uses_the_protected_bucket" {
  command = plan

  variables {
    prevent_destroy = true
    partition       = "aws-us-gov"
  }

  assert {
    condition     = length(aws_s3_bucket.protected) == 1 && length(aws_s3_bucket.this) == 0 && aws_s3_bucket.protected[0].bucket == "lookcard-test-example-123456789012"
    error_message = "prevent_destroy must create the bucket under the protected address (the one with lifecycle prevent_destroy)."
  }

  assert {
    condition     = output.name == "lookcard-test-example-123456789012" && aws_s3_bucket_policy.this.bucket == "lookcard-test-example-123456789012" && output.arn == "arn:aws-us-gov:s3:::lookcard-test-example-123456789012"
    error_message = "Everything else must configure the protected bucket, with ARNs in the given partition."
  }
}

run "access_logging_when_asked" {
  command = plan

  variables {
    logging = { target_bucket = "lookcard-test-s3-access-logs-123456789012" }
  }

  assert {
    condition     = aws_s3_bucket_logging.this[0].target_bucket == "lookcard-test-s3-access-logs-123456789012" && aws_s3_bucket_logging.this[0].target_prefix == "lookcard-test-example-123456789012/"
    error_message = "Server access logs must go to the target bucket under <name>/ by default."
  }
}

run "no_access_logging_by_default" {
  command = plan

  assert {
    condition     = length(aws_s3_bucket_logging.this) == 0
    error_message = "Server access logging is configured only when asked for."
  }
}

# ── Refused inputs ─────────────────────────────────────────────────────────

run "rejects_a_bucket_name_with_upper_case_or_dots" {
  command = plan

  variables {
    name = "LookCard.test-bucket"
  }

  expect_failures = [var.name]
}

run "rejects_a_bucket_name_longer_than_63" {
  command = plan

  variables {
    name = "lookcard-sandbox-feature-x1y2-something-far-too-long-123456789012"
  }

  expect_failures = [var.name]
}

run "rejects_a_reserved_bucket_name_prefix" {
  command = plan

  variables {
    name = "xn--lookcard-test"
  }

  expect_failures = [var.name]
}

run "rejects_a_kms_alias" {
  command = plan

  variables {
    encryption = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-data" }
  }

  expect_failures = [var.encryption]
}

run "rejects_both_kms_and_sse_s3" {
  command = plan

  variables {
    encryption = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111", sse_s3 = true }
  }

  expect_failures = [var.encryption]
}

run "rejects_no_encryption_choice" {
  command = plan

  variables {
    encryption = {}
  }

  expect_failures = [var.encryption]
}

run "rejects_a_lifecycle_rule_with_zero_days" {
  command = plan

  variables {
    lifecycle_rules = [{ id = "expire", expiration_days = 0 }]
  }

  expect_failures = [var.lifecycle_rules]
}

run "rejects_a_lifecycle_rule_with_negative_noncurrent_days" {
  command = plan

  variables {
    lifecycle_rules = [{ id = "expire-noncurrent", noncurrent_version_expiration_days = -30 }]
  }

  expect_failures = [var.lifecycle_rules]
}

run "rejects_expiry_before_transition" {
  command = plan

  variables {
    lifecycle_rules = [{ id = "archive", transitions = [{ days = 365, storage_class = "GLACIER" }], expiration_days = 90 }]
  }

  expect_failures = [var.lifecycle_rules]
}

run "rejects_duplicate_lifecycle_rule_ids" {
  command = plan

  variables {
    lifecycle_rules = [{ id = "expire", expiration_days = 30 }, { id = "expire", expiration_days = 60 }]
  }

  expect_failures = [var.lifecycle_rules]
}

run "rejects_object_writer_ownership" {
  command = plan

  variables {
    ownership = { object_ownership = "ObjectWriter" }
  }

  expect_failures = [var.ownership]
}

run "rejects_acl_grants_with_acls_disabled" {
  command = plan

  variables {
    ownership = { acl_grants = [{ canonical_user_id = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0", permission = "FULL_CONTROL" }] }
  }

  expect_failures = [var.ownership]
}

run "rejects_a_statement_allowing_everyone" {
  command = plan

  variables {
    policy_statements = [{ Sid = "PublicRead", Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::lookcard-test-example-123456789012/*" }]
  }

  expect_failures = [var.policy_statements]
}

run "rejects_a_statement_without_a_sid" {
  command = plan

  variables {
    policy_statements = [{ Effect = "Allow", Principal = { Service = "logging.s3.amazonaws.com" }, Action = "s3:PutObject", Resource = "arn:aws:s3:::lookcard-test-example-123456789012/*" }]
  }

  expect_failures = [var.policy_statements]
}

run "rejects_a_statement_that_reuses_the_tls_sid" {
  command = plan

  variables {
    policy_statements = [{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:DeleteObject", Resource = "arn:aws:s3:::lookcard-test-example-123456789012/*" }]
  }

  expect_failures = [aws_s3_bucket_policy.this]
}

run "rejects_object_lock_without_versioning" {
  command = plan

  variables {
    versioning  = false
    object_lock = { mode = "GOVERNANCE", days = 30 }
  }

  expect_failures = [aws_s3_bucket_object_lock_configuration.this]
}

run "rejects_an_object_lock_mode_that_does_not_exist" {
  command = plan

  variables {
    object_lock = { mode = "LEGAL_HOLD", days = 30 }
  }

  expect_failures = [var.object_lock]
}

run "rejects_logging_into_itself" {
  command = plan

  variables {
    logging = { target_bucket = "lookcard-test-example-123456789012" }
  }

  expect_failures = [aws_s3_bucket_logging.this]
}
