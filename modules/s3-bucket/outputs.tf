output "id" {
  description = "ID of the bucket (its name), from the resource: known after apply for a new bucket, so that a reference also waits for the bucket."
  value       = local.bucket.id
}

output "name" {
  description = "Name of the bucket, known at plan time."
  value       = local.bucket.bucket
}

output "arn" {
  description = "ARN of the bucket, built from the partition and the name (known at plan time)."
  value       = local.arn
}

output "bucket_regional_domain_name" {
  description = "Regional domain name of the bucket (<name>.s3.<region>.amazonaws.com), e.g. for a CloudFront S3 origin. Known after apply."
  value       = local.bucket.bucket_regional_domain_name
}

# The planned settings, read back from the resources so that a caller's tests
# can assert on what will be applied (a caller cannot address the resources
# of a nested module).

output "policy" {
  description = "The bucket policy document (JSON) as planned: the secure-transport statements merged with policy_statements. Known at plan time when every statement is."
  value       = aws_s3_bucket_policy.this.policy
}

output "public_access_block" {
  description = "The four public access block settings as planned (all true)."
  value = {
    block_public_acls       = aws_s3_bucket_public_access_block.this.block_public_acls
    block_public_policy     = aws_s3_bucket_public_access_block.this.block_public_policy
    ignore_public_acls      = aws_s3_bucket_public_access_block.this.ignore_public_acls
    restrict_public_buckets = aws_s3_bucket_public_access_block.this.restrict_public_buckets
  }
}

output "object_ownership" {
  description = "Object ownership as planned (BucketOwnerEnforced or BucketOwnerPreferred)."
  value       = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership
}

output "acl_grants" {
  description = "The bucket ACL's grants as planned, as <canonical user ID>=<permission> (the owner's included); empty when ACLs are not managed (no acl_grants). The owner's ID is known after the canonical user data source is read."
  value = flatten([for a in aws_s3_bucket_acl.this : [
    for p in a.access_control_policy : [for g in p.grant : "${one(g.grantee).id}=${g.permission}"]
  ]])
}

output "versioning_status" {
  description = "Versioning status as planned (Enabled or Suspended)."
  value       = one(aws_s3_bucket_versioning.this.versioning_configuration).status
}

output "server_side_encryption" {
  description = "Default encryption as planned: sse_algorithm (aws:kms or AES256), kms_master_key_id (null for SSE-S3) and bucket_key_enabled."
  value = {
    sse_algorithm      = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm
    kms_master_key_id  = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).kms_master_key_id
    bucket_key_enabled = one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled
  }
}

output "lifecycle_rules" {
  description = "The lifecycle configuration's rule blocks as planned (the provider's shape: expiration, transition, noncurrent_version_expiration, abort_incomplete_multipart_upload are lists); empty without lifecycle_rules."
  value       = flatten([for c in aws_s3_bucket_lifecycle_configuration.this : c.rule])
}

output "object_lock" {
  description = "Object Lock as planned: enabled (on the bucket) and the default retention mode and days (null when off)."
  value = {
    enabled = local.bucket.object_lock_enabled
    mode    = one([for c in aws_s3_bucket_object_lock_configuration.this : one(one(c.rule).default_retention).mode])
    days    = one([for c in aws_s3_bucket_object_lock_configuration.this : one(one(c.rule).default_retention).days])
  }
}

output "tags_all" {
  description = "Every tag of the bucket as planned: the provider's default_tags merged with tags and Name."
  value       = local.bucket.tags_all
}

output "logging" {
  description = "S3 server access logging of this bucket: target_bucket and target_prefix, or null without logging."
  value = one([for l in aws_s3_bucket_logging.this : {
    target_bucket = l.target_bucket
    target_prefix = l.target_prefix
  }])
}
