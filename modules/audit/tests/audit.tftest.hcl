# Guarantees of the audit module, planned against the real AWS provider
# schema. One run per guarantee; the negative runs prove the inputs that must
# be refused are refused.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix = "lookcard-test"
  account_id  = "123456789012"
  region      = "ap-southeast-1"
  logs = {
    kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
    retention_in_days = 365
  }
  audit = {
    trail_kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    data_events_bucket_arns = ["arn:aws:s3:::lookcard-test-statements", "arn:aws:s3:::lookcard-test-kyc-documents"]
    guardduty               = true
    security_hub            = true
    config                  = true
  }
}

run "trail_is_multi_region_with_log_file_validation_and_kms" {
  command = plan

  assert {
    condition = (
      aws_cloudtrail.this[0].is_multi_region_trail &&
      aws_cloudtrail.this[0].include_global_service_events &&
      aws_cloudtrail.this[0].enable_log_file_validation &&
      aws_cloudtrail.this[0].enable_logging
    )
    error_message = "The trail must cover every region and global services, validate its log files and be logging."
  }

  assert {
    condition     = aws_cloudtrail.this[0].kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    error_message = "The trail must encrypt its log files with the trail key."
  }

  assert {
    condition = (
      aws_cloudtrail.this[0].name == "lookcard-test-trail" && output.trail_arn == "arn:aws:cloudtrail:ap-southeast-1:123456789012:trail/lookcard-test-trail" &&
      aws_cloudtrail.this[0].s3_bucket_name == "lookcard-test-audit-123456789012" && aws_cloudtrail.this[0].s3_key_prefix == "cloudtrail"
    )
    error_message = "The trail is <name_prefix>-trail, delivering under cloudtrail/ in the audit bucket."
  }
}

run "management_events_read_and_write_are_always_logged" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    }
  }

  assert {
    condition = (
      length(aws_cloudtrail.this[0].advanced_event_selector) == 1 &&
      [for f in aws_cloudtrail.this[0].advanced_event_selector[0].field_selector : f.field] == ["eventCategory"] &&
      flatten([for f in aws_cloudtrail.this[0].advanced_event_selector[0].field_selector : f.equals]) == ["Management"]
    )
    error_message = "Without data events the trail logs exactly all management events, with no readOnly filter (so GetSecretValue, a read management event, is logged)."
  }
}

run "data_events_cover_the_listed_buckets_objects" {
  command = plan

  assert {
    condition = one([for s in aws_cloudtrail.this[0].advanced_event_selector : s if s.name == "S3 object events of the listed buckets"]) != null && toset(flatten([
      for s in aws_cloudtrail.this[0].advanced_event_selector : [for f in s.field_selector : f.starts_with if f.field == "resources.ARN"]
    ])) == toset(["arn:aws:s3:::lookcard-test-kyc-documents/", "arn:aws:s3:::lookcard-test-statements/"])
    error_message = "Object-level events of exactly the listed buckets must be logged as data events."
  }

  assert {
    condition     = alltrue([for s in aws_cloudtrail.this[0].advanced_event_selector : contains([for f in s.field_selector : f.field], "eventCategory") && !contains([for f in s.field_selector : f.field], "readOnly")])
    error_message = "Every advanced event selector must name its eventCategory, and none may drop read events."
  }

  assert {
    condition     = contains([for s in aws_cloudtrail.this[0].advanced_event_selector : flatten([for f in s.field_selector : f.equals if f.field == "eventCategory"])], ["Management"])
    error_message = "Adding data events must keep all management events."
  }
}

run "trail_copies_events_to_cloudwatch_through_a_role_of_this_trail_only" {
  command = plan

  assert {
    condition     = aws_cloudtrail.this[0].cloud_watch_logs_group_arn == "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/cloudtrail/lookcard-test:*"
    error_message = "The trail must deliver to /aws/cloudtrail/<name_prefix>."
  }

  assert {
    condition = (
      jsondecode(module.trail_logs_role[0].assume_role_policy).Statement[0].Principal.Service == "cloudtrail.amazonaws.com" &&
      jsondecode(module.trail_logs_role[0].assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceArn"] == "arn:aws:cloudtrail:ap-southeast-1:123456789012:trail/lookcard-test-trail"
    )
    error_message = "Only this trail may assume the log delivery role."
  }

  assert {
    condition     = jsondecode(module.trail_logs_role[0].inline_policies["deliver-to-log-group"]).Statement[0].Resource == "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/cloudtrail/lookcard-test:log-stream:123456789012_CloudTrail_ap-southeast-1*" && toset(jsondecode(module.trail_logs_role[0].inline_policies["deliver-to-log-group"]).Statement[0].Action) == toset(["logs:CreateLogStream", "logs:PutLogEvents"])
    error_message = "The delivery role may only write CloudTrail's streams of its own log group."
  }
}

run "every_log_group_is_encrypted_and_has_the_retention" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_log_group.trail) == 1 && alltrue([for g in aws_cloudwatch_log_group.trail : g.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111" && g.retention_in_days == 365])
    error_message = "Every log group the module creates must be encrypted with the logs key and keep the given retention."
  }

  assert {
    condition     = aws_cloudwatch_log_group.trail[0].deletion_protection_enabled
    error_message = "The trail's log group must be protected from deletion."
  }
}

run "bucket_blocks_public_access_and_is_tls_only" {
  command = plan

  assert {
    condition = (
      module.bucket[0].public_access_block.block_public_acls && module.bucket[0].public_access_block.block_public_policy &&
      module.bucket[0].public_access_block.ignore_public_acls && module.bucket[0].public_access_block.restrict_public_buckets &&
      module.bucket[0].object_ownership == "BucketOwnerEnforced"
    )
    error_message = "The log bucket must block every kind of public access and disable ACLs."
  }

  assert {
    condition = one([for s in jsondecode(module.bucket[0].policy).Statement : s if s.Sid == "DenyInsecureTransport"]) == {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::lookcard-test-audit-123456789012", "arn:aws:s3:::lookcard-test-audit-123456789012/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }
    error_message = "The log bucket must deny every request that is not over TLS, on the bucket and its objects."
  }
}

run "bucket_is_versioned_and_encrypted_with_the_trail_key" {
  command = plan

  assert {
    condition     = module.bucket[0].versioning_status == "Enabled"
    error_message = "The log bucket must be versioned."
  }

  assert {
    condition = module.bucket[0].server_side_encryption == {
      sse_algorithm      = "aws:kms"
      kms_master_key_id  = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      bucket_key_enabled = true
    }
    error_message = "The log bucket must default to SSE-KMS with the trail key (and a bucket key)."
  }
}

run "cloudtrail_grants_are_scoped_to_this_trail" {
  command = plan

  assert {
    condition = alltrue([for s in jsondecode(module.bucket[0].policy).Statement :
      s.Condition.StringEquals["aws:SourceArn"] == "arn:aws:cloudtrail:ap-southeast-1:123456789012:trail/lookcard-test-trail"
      if s.Effect == "Allow" && try(s.Principal.Service, "") == "cloudtrail.amazonaws.com"
    ]) && length([for s in jsondecode(module.bucket[0].policy).Statement : s if try(s.Principal.Service, "") == "cloudtrail.amazonaws.com"]) == 2
    error_message = "CloudTrail's two grants (ACL check, write) must be limited to this trail with aws:SourceArn."
  }

  assert {
    condition     = one([for s in jsondecode(module.bucket[0].policy).Statement : s.Resource if s.Sid == "CloudTrailWritesOfThisTrail"]) == "arn:aws:s3:::lookcard-test-audit-123456789012/cloudtrail/AWSLogs/123456789012/*"
    error_message = "CloudTrail may write only under cloudtrail/AWSLogs/<this account>/."
  }

  assert {
    condition     = !strcontains(module.bucket[0].policy, "\"Principal\":{\"AWS\":\"*\"}") && length([for s in jsondecode(module.bucket[0].policy).Statement : s if s.Principal == "*" && s.Effect == "Allow"]) == 0
    error_message = "Nothing may be allowed to everyone."
  }
}

run "logs_move_to_glacier_and_expire_after_retention" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn          = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      transition_to_glacier_days = 180
      retention_days             = 3650
    }
  }

  assert {
    condition = (
      one(module.bucket[0].lifecycle_rules[0].transition).days == 180 &&
      one(module.bucket[0].lifecycle_rules[0].transition).storage_class == "GLACIER" &&
      module.bucket[0].lifecycle_rules[0].expiration[0].days == 3650 &&
      module.bucket[0].lifecycle_rules[0].status == "Enabled"
    )
    error_message = "Logs must go to GLACIER after transition_to_glacier_days and expire after retention_days."
  }
}

run "no_object_lock_unless_asked" {
  command = plan

  assert {
    condition     = module.bucket[0].object_lock == { enabled = false, mode = null, days = null }
    error_message = "Object Lock must stay off unless asked for."
  }
}

run "object_lock_governance_for_the_retention_when_asked" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      object_lock       = true
      retention_days    = 2555
    }
  }

  assert {
    condition     = module.bucket[0].object_lock.enabled == true
    error_message = "Object Lock must be enabled on the bucket itself (it can only be turned on at creation)."
  }

  assert {
    condition = (
      module.bucket[0].object_lock.mode == "GOVERNANCE" &&
      module.bucket[0].object_lock.days == 2555
    )
    error_message = "Every log object must be locked in GOVERNANCE mode for retention_days."
  }
}

run "object_lock_compliance_when_asked" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      object_lock       = true
      object_lock_mode  = "COMPLIANCE"
      retention_days    = 2555
    }
  }

  assert {
    condition     = module.bucket[0].object_lock == { enabled = true, mode = "COMPLIANCE", days = 2555 }
    error_message = "With object_lock_mode = COMPLIANCE every log object must be locked in COMPLIANCE mode (no principal of the account can delete it) for retention_days."
  }

  assert {
    condition     = module.access_logs_bucket[0].object_lock == { enabled = true, mode = "COMPLIANCE", days = 2555 }
    error_message = "The access-log bucket must be locked like the audit bucket."
  }
}

run "audit_bucket_access_is_logged_to_a_bucket_of_its_own" {
  command = plan

  assert {
    condition     = module.bucket[0].logging == { target_bucket = "lookcard-test-s3-access-123456789012", target_prefix = "lookcard-test-audit-123456789012/" }
    error_message = "The audit bucket must log S3 server access into <name_prefix>-s3-access-<account>, under its own name."
  }

  assert {
    condition     = module.access_logs_bucket[0].server_side_encryption.sse_algorithm == "AES256" && module.access_logs_bucket[0].versioning_status == "Enabled"
    error_message = "The access-log bucket must use SSE-S3 (S3 server access logging cannot deliver to SSE-KMS) and be versioned."
  }

  assert {
    condition = one([for s in jsondecode(module.access_logs_bucket[0].policy).Statement : s if s.Sid == "S3ServerAccessLogsOfTheAuditBucket"]).Condition == {
      ArnLike      = { "aws:SourceArn" = "arn:aws:s3:::lookcard-test-audit-123456789012" }
      StringEquals = { "aws:SourceAccount" = "123456789012" }
    }
    error_message = "Only S3 logging of the audit bucket of this account may write access logs."
  }

  assert {
    condition     = module.access_logs_bucket[0].public_access_block == { block_public_acls = true, block_public_policy = true, ignore_public_acls = true, restrict_public_buckets = true }
    error_message = "The access-log bucket must block all public access."
  }
}

run "account_blocks_public_access_to_every_bucket" {
  command = plan

  assert {
    condition = (
      aws_s3_account_public_access_block.this.block_public_acls && aws_s3_account_public_access_block.this.block_public_policy &&
      aws_s3_account_public_access_block.this.ignore_public_acls && aws_s3_account_public_access_block.this.restrict_public_buckets &&
      aws_s3_account_public_access_block.this.account_id == "123456789012"
    )
    error_message = "Account-level S3 Block Public Access must be on, all four settings."
  }
}

run "roles_carry_the_permissions_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = module.trail_logs_role[0].permissions_boundary_arn == var.permissions_boundary_arn && module.config_role[0].permissions_boundary_arn == var.permissions_boundary_arn
    error_message = "Every role of the module must carry the workload permissions boundary."
  }
}

run "rejects_an_unknown_object_lock_mode" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      object_lock       = true
      object_lock_mode  = "LEGAL_HOLD"
    }
  }

  expect_failures = [var.audit]
}

run "guardduty_security_hub_and_config_exist_when_on" {
  command = plan

  assert {
    condition     = length(aws_guardduty_detector.this) == 1 && aws_guardduty_detector.this[0].enable
    error_message = "With audit.guardduty the account's detector must be enabled."
  }

  assert {
    condition = (
      aws_guardduty_detector_feature.this["RUNTIME_MONITORING"].status == "ENABLED" &&
      [for c in aws_guardduty_detector_feature.this["RUNTIME_MONITORING"].additional_configuration : [c.name, c.status]] == [["ECS_FARGATE_AGENT_MANAGEMENT", "ENABLED"]]
    )
    error_message = "GuardDuty Runtime Monitoring must be on, with GuardDuty managing the ECS Fargate agent."
  }

  assert {
    condition     = length(aws_securityhub_account.this) == 1 && aws_securityhub_account.this[0].enable_default_standards == false
    error_message = "With audit.security_hub, Security Hub must be enabled without the default standards."
  }

  assert {
    condition = toset([for s in aws_securityhub_standards_subscription.this : s.standards_arn]) == toset([
      "arn:aws:securityhub:ap-southeast-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:ap-southeast-1::standards/pci-dss/v/4.0.1",
    ])
    error_message = "Security Hub must subscribe to exactly FSBP v1.0.0 and PCI DSS v4.0.1."
  }

  assert {
    condition = (
      length(aws_config_configuration_recorder.this) == 1 && aws_config_configuration_recorder.this[0].recording_group[0].all_supported &&
      aws_config_configuration_recorder.this[0].recording_group[0].include_global_resource_types &&
      aws_config_configuration_recorder_status.this[0].is_enabled
    )
    error_message = "With audit.config the recorder must record every supported resource type, global ones included, and be started."
  }
}

run "config_delivers_to_the_log_bucket_under_config" {
  command = plan

  assert {
    condition = (
      aws_config_delivery_channel.this[0].s3_bucket_name == "lookcard-test-audit-123456789012" &&
      aws_config_delivery_channel.this[0].s3_key_prefix == "config" &&
      aws_config_delivery_channel.this[0].s3_kms_key_arn == "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    )
    error_message = "Config must deliver to the log bucket under config/, encrypted with the trail key."
  }

  assert {
    condition     = jsondecode(module.config_role[0].assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "Only Config of this account may assume the recorder's role."
  }

  assert {
    condition = (
      one([for s in jsondecode(module.config_role[0].inline_policies["deliver-to-log-bucket"]).Statement : s.Resource if s.Action == "s3:PutObject"]) == "arn:aws:s3:::lookcard-test-audit-123456789012/config/AWSLogs/123456789012/Config/*" &&
      one([for s in jsondecode(module.bucket[0].policy).Statement : s.Resource if s.Sid == "ConfigWritesOfThisAccount"]) == "arn:aws:s3:::lookcard-test-audit-123456789012/config/AWSLogs/123456789012/Config/*"
    )
    error_message = "Config may write only under config/AWSLogs/<this account>/Config/."
  }
}

run "guardduty_security_hub_and_config_are_absent_when_off" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    }
  }

  assert {
    condition = (
      length(aws_guardduty_detector.this) == 0 && length(aws_guardduty_detector_feature.this) == 0 && output.guardduty_detector_id == null &&
      length(aws_securityhub_account.this) == 0 && length(aws_securityhub_standards_subscription.this) == 0 &&
      length(aws_config_configuration_recorder.this) == 0 && length(aws_config_delivery_channel.this) == 0 && length(module.config_role) == 0
    )
    error_message = "GuardDuty, Security Hub and Config must not exist unless asked for."
  }

  assert {
    condition     = length([for s in jsondecode(module.bucket[0].policy).Statement : s if try(s.Principal.Service, "") == "config.amazonaws.com"]) == 0
    error_message = "Without Config the bucket must not grant Config anything."
  }
}

run "no_trail_and_no_config_means_no_bucket" {
  command = plan

  variables {
    audit = {
      cloudtrail        = false
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    }
  }

  assert {
    condition     = length(aws_cloudtrail.this) == 0 && length(module.bucket) == 0 && length(aws_cloudwatch_log_group.trail) == 0 && output.trail_arn == null && output.trail_bucket == null
    error_message = "Without a trail or Config there is no trail, log group or bucket."
  }
}

run "names_fit_aws_limits_with_a_long_prefix" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
  }

  assert {
    condition     = length(output.trail_bucket) <= 63 && output.trail_bucket == "lookcard-sandbox-feature-x1y2-audit-123456789012"
    error_message = "The bucket name must fit S3's 63 characters."
  }

  assert {
    condition     = length(module.trail_logs_role[0].name) <= 64 && length(module.config_role[0].name) <= 64
    error_message = "Role names must fit IAM's 64 characters."
  }
}

# --- Inputs that must be refused ---------------------------------------------

run "rejects_a_log_retention_cloudwatch_does_not_offer" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      retention_in_days = 42
    }
  }

  expect_failures = [var.logs]
}

run "rejects_a_trail_key_alias" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-logs"
    }
  }

  expect_failures = [var.audit]
}

run "rejects_a_retention_shorter_than_pci_dss_requires" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      retention_days    = 90
    }
  }

  expect_failures = [var.audit]
}

run "rejects_glacier_before_three_months" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn          = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      transition_to_glacier_days = 30
    }
  }

  expect_failures = [var.audit]
}

run "rejects_an_object_path_as_data_event_bucket" {
  command = plan

  variables {
    audit = {
      trail_kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
      data_events_bucket_arns = ["arn:aws:s3:::lookcard-test-statements/2024/"]
    }
  }

  expect_failures = [var.audit]
}
