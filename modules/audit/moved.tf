# The log bucket moved into modules/s3-bucket: the same bucket and settings
# under new addresses, so nothing is destroyed or recreated. The bucket
# exists (index 0) only when CloudTrail or Config is on; otherwise these
# blocks have nothing to move.

moved {
  from = aws_s3_bucket.audit[0]
  to   = module.bucket[0].aws_s3_bucket.this[0]
}

moved {
  from = aws_s3_bucket_ownership_controls.audit[0]
  to   = module.bucket[0].aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_public_access_block.audit[0]
  to   = module.bucket[0].aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_versioning.audit[0]
  to   = module.bucket[0].aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.audit[0]
  to   = module.bucket[0].aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_object_lock_configuration.audit[0]
  to   = module.bucket[0].aws_s3_bucket_object_lock_configuration.this[0]
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.audit[0]
  to   = module.bucket[0].aws_s3_bucket_lifecycle_configuration.this[0]
}

moved {
  from = aws_s3_bucket_policy.audit[0]
  to   = module.bucket[0].aws_s3_bucket_policy.this
}
