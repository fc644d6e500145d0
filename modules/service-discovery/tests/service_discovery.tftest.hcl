# Guarantees of the service-discovery module, planned against the real AWS
# provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix    = "lookcard-test"
  namespace_name = "test.lookcard.internal"
  vpc_id         = "vpc-0123456789abcdef0"
}

run "namespace_name_is_passed_through" {
  command = plan

  assert {
    condition     = aws_service_discovery_private_dns_namespace.this.name == "test.lookcard.internal"
    error_message = "The namespace must be named exactly as asked."
  }

  assert {
    condition     = output.namespace_name == "test.lookcard.internal"
    error_message = "namespace_name must be known at plan time and equal the input."
  }
}

run "namespace_is_private_to_the_given_vpc" {
  command = plan

  assert {
    condition     = aws_service_discovery_private_dns_namespace.this.vpc == "vpc-0123456789abcdef0"
    error_message = "The namespace must be associated with the given VPC only."
  }

  assert {
    condition     = aws_service_discovery_private_dns_namespace.this.tags["Name"] == "lookcard-test-services"
    error_message = "The namespace is named lookcard-<env>-services."
  }
}

run "rejects_a_public_suffix" {
  command = plan

  variables {
    namespace_name = "test.lookcard.com"
  }

  expect_failures = [var.namespace_name]
}

run "rejects_a_name_that_is_not_a_dns_name" {
  command = plan

  variables {
    namespace_name = "Test Lookcard.internal"
  }

  expect_failures = [var.namespace_name]
}

run "rejects_a_label_starting_with_a_dash" {
  command = plan

  variables {
    namespace_name = "-test.lookcard.internal"
  }

  expect_failures = [var.namespace_name]
}

run "rejects_a_bad_vpc_id" {
  command = plan

  variables {
    vpc_id = "vpc-XYZ"
  }

  expect_failures = [var.vpc_id]
}
