# The access-log bucket moved into modules/s3-bucket: the same bucket and
# settings under new addresses, so nothing is destroyed or recreated.

moved {
  from = aws_s3_bucket.access_logs
  to   = module.access_logs_bucket.aws_s3_bucket.this[0]
}

moved {
  from = aws_s3_bucket_public_access_block.access_logs
  to   = module.access_logs_bucket.aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_ownership_controls.access_logs
  to   = module.access_logs_bucket.aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_versioning.access_logs
  to   = module.access_logs_bucket.aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.access_logs
  to   = module.access_logs_bucket.aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.access_logs
  to   = module.access_logs_bucket.aws_s3_bucket_lifecycle_configuration.this[0]
}

moved {
  from = aws_s3_bucket_policy.access_logs
  to   = module.access_logs_bucket.aws_s3_bucket_policy.this
}
