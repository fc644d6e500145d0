output "distribution_id" {
  description = "ID of the CloudFront distribution (for cache invalidations)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the distribution: the AWS:SourceArn a KMS key policy must name when assets.kms_key_arn is set."
  value       = aws_cloudfront_distribution.this.arn
}

output "domain_name" {
  description = "The distribution's domain name (dxxxx.cloudfront.net): the target of the app alias record (certificates-dns targets.cloudfront_domain_name)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "hosted_zone_id" {
  description = "Route 53 hosted zone ID of the distribution (certificates-dns targets.cloudfront_zone_id)."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "assets_bucket" {
  description = "The static assets bucket, name and ARN known at plan time: the deploy pipeline uploads /_next/static/* and /assets/* here."
  value = {
    name = module.assets_bucket.name
    arn  = local.assets_bucket_arn
  }
}
