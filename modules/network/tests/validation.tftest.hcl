# Inputs the network module must refuse. Every run starts from the valid
# LookCard address plan (fixture.auto.tfvars) and breaks exactly one thing.

provider "aws" {
  region = "ap-southeast-1"
}

run "accepts_the_lookcard_address_plan" {
  command = plan
}

run "rejects_a_subnet_outside_the_vpc_cidr" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.1.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_a_subnet_wider_than_the_vpc" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/17"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/16", "10.1.8.0/21", "10.1.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_overlapping_subnets" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.4.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_a_duplicated_subnet" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.36.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_two_subnets_in_a_tier_with_three_azs" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_an_az_of_another_region" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-2c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [aws_vpc.this]
}

run "rejects_an_az_that_is_not_an_az_name" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_a_repeated_az" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1a"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_an_invalid_vpc_cidr" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.1/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 3
    }
  }

  expect_failures = [var.network]
}

run "rejects_zero_nat_gateways" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 0
    }
  }

  expect_failures = [var.network]
}

run "rejects_four_nat_gateways_for_three_azs" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23", "10.0.28.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23", "10.0.34.0/23"]
      nat_gateway_count  = 4
    }
  }

  expect_failures = [var.network]
}

run "rejects_a_flow_log_retention_of_42_days" {
  command = plan

  variables {
    flow_logs = {
      retention_in_days = 42
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-logs"
    }
  }

  expect_failures = [var.flow_logs]
}

run "rejects_a_flow_log_key_that_is_not_a_kms_arn" {
  command = plan

  variables {
    flow_logs = {
      retention_in_days = 365
      kms_key_arn       = "alias/lookcard-test-logs"
    }
  }

  expect_failures = [var.flow_logs]
}

run "accepts_a_flow_log_key_arn" {
  command = plan

  variables {
    flow_logs = {
      retention_in_days = 400
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

run "rejects_an_endpoint_service_with_the_full_prefix" {
  command = plan

  variables {
    endpoints = { interface_services = ["com.amazonaws.ap-southeast-1.sts"], az_count = 1 }
  }

  expect_failures = [var.endpoints]
}

run "rejects_s3_as_an_interface_endpoint" {
  command = plan

  variables {
    endpoints = { interface_services = ["sts", "s3"], az_count = 1 }
  }

  expect_failures = [var.endpoints]
}

run "rejects_an_endpoint_az_count_of_zero" {
  command = plan

  variables {
    endpoints = { interface_services = ["sts"], az_count = 0 }
  }

  expect_failures = [var.endpoints]
}

run "rejects_more_endpoint_azs_than_vpc_azs" {
  command = plan

  variables {
    network = {
      cidr               = "10.0.0.0/16"
      availability_zones = ["ap-southeast-1a", "ap-southeast-1b"]
      public_subnets     = ["10.0.24.0/23", "10.0.26.0/23"]
      private_subnets    = ["10.0.0.0/21", "10.0.8.0/21"]
      database_subnets   = ["10.0.36.0/24", "10.0.37.0/24"]
      isolated_subnets   = ["10.0.30.0/23", "10.0.32.0/23"]
      nat_gateway_count  = 1
    }
    endpoints = { interface_services = ["sts"], az_count = 3 }
  }

  expect_failures = [aws_vpc_endpoint.interface]
}

run "rejects_a_name_prefix_outside_lookcard" {
  command = plan

  variables {
    name_prefix = "acme-test"
  }

  expect_failures = [var.name_prefix]
}
