# The state bucket moved into modules/s3-bucket (the protected bucket
# resource, which keeps prevent_destroy): the same bucket and settings under
# new addresses, so nothing is destroyed or recreated. Keep these blocks:
# every account's bootstrap state still holds the old addresses until its
# next apply.

moved {
  from = aws_s3_bucket.state
  to   = module.state_bucket.aws_s3_bucket.protected[0]
}

moved {
  from = aws_s3_bucket_ownership_controls.state
  to   = module.state_bucket.aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_public_access_block.state
  to   = module.state_bucket.aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_versioning.state
  to   = module.state_bucket.aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.state
  to   = module.state_bucket.aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.state
  to   = module.state_bucket.aws_s3_bucket_lifecycle_configuration.this[0]
}

moved {
  from = aws_s3_bucket_policy.state
  to   = module.state_bucket.aws_s3_bucket_policy.this
}
