# Least privilege derived from the catalog. Security group IDs are unknown at
# plan time offline, so mock IDs make the references assertable.

mock_provider "aws" {
  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0123456789abcdef0"
    }
  }
}

variables {
  name_prefix = "lookcard-test"
  vpc_id      = "vpc-0123456789abcdef0"
  services = {
    card-api        = { port = 8080, exposure = "public", callers = ["reseller-api"], database = true, redis = true }
    reseller-api    = { port = 8080, exposure = "public", callers = [], database = true, redis = false }
    config-api      = { port = 8080, exposure = "internal", callers = ["card-api"], database = false, redis = true }
    crypto-listener = { exposure = "none", callers = [], database = false, redis = true }
  }
  bastion = { enabled = true, security_group_id = "sg-0bastion000000000" }
}

# Applied against the mock: Terraform knows a mocked group ID only at apply.
run "no_group_admits_the_internet_the_alb_admits_only_the_nlb" {
  command = apply

  assert {
    condition     = aws_vpc_security_group_ingress_rule.alb_from_nlb.from_port == 443 && aws_vpc_security_group_ingress_rule.alb_from_nlb.to_port == 443 && aws_vpc_security_group_ingress_rule.alb_from_nlb.cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.alb_from_nlb.referenced_security_group_id != null
    error_message = "The internal ALB admits 443 from the NLB's security group only, never a CIDR."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.nlb_to_alb.from_port == 443 && aws_vpc_security_group_egress_rule.nlb_to_alb.referenced_security_group_id != null
    error_message = "The NLB's group may send HTTPS to the ALB's group."
  }

  assert {
    condition = alltrue(concat(
      [aws_vpc_security_group_ingress_rule.alb_from_nlb.cidr_ipv4 == null],
      [for r in aws_vpc_security_group_ingress_rule.service : r.cidr_ipv4 == null],
      [for r in aws_vpc_security_group_ingress_rule.rds_proxy : r.cidr_ipv4 == null],
      [for r in aws_vpc_security_group_ingress_rule.aurora : r.cidr_ipv4 == null],
      [for r in aws_vpc_security_group_ingress_rule.redis : r.cidr_ipv4 == null],
    ))
    error_message = "No security group may admit a CIDR: every ingress rule names a security group."
  }
}

run "service_ingress_is_exactly_the_catalog_callers_and_the_alb" {
  command = plan

  assert {
    condition     = output.ingress_rules == tolist(["card-api/from-alb", "card-api/from-reseller-api", "config-api/from-card-api", "reseller-api/from-alb"])
    error_message = "Service ingress must be the ALB for public services plus each declared caller, and nothing more."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.service["config-api/from-card-api"].from_port == 8080
    error_message = "A caller is admitted only on the callee's port."
  }
}

run "internal_services_are_not_behind_the_alb" {
  command = plan

  assert {
    condition     = !contains(keys(aws_vpc_security_group_egress_rule.alb_to_service), "config-api")
    error_message = "The ALB must reach only public services."
  }
}

run "database_access_goes_through_the_proxy" {
  command = plan

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.rds_proxy)) == toset(["card-api", "reseller-api"])
    error_message = "RDS Proxy admits exactly the services that declare a database."
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.aurora)) == toset(["rds-proxy", "migrations", "bastion"])
    error_message = "Aurora admits only the proxy, migration tasks and the bastion."
  }
}

run "redis_admits_only_services_that_declare_it" {
  command = plan

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.redis)) == toset(["card-api", "config-api", "crypto-listener"])
    error_message = "Redis admits exactly the services that declare Redis."
  }
}

run "no_bastion_means_no_bastion_rule" {
  command = plan

  variables {
    bastion = { enabled = false }
  }

  assert {
    condition     = !contains(keys(aws_vpc_security_group_ingress_rule.aurora), "bastion")
    error_message = "Without a bastion Aurora admits only the proxy and migrations."
  }
}

run "rejects_callers_of_a_service_without_a_port" {
  command = plan

  variables {
    services = {
      crypto-listener = { exposure = "none", callers = ["card-api"], database = false, redis = false }
      card-api        = { port = 8080, exposure = "public", callers = [], database = false, redis = false }
    }
  }

  expect_failures = [var.services]
}

run "groups_take_a_name_prefix_so_replacements_do_not_collide" {
  command = plan

  assert {
    condition = alltrue(concat(
      [for k, g in aws_security_group.component : g.name_prefix == "lookcard-test-${k}-" && g.tags["Name"] == "lookcard-test-${k}"],
      [for k, g in aws_security_group.service : g.name_prefix == "lookcard-test-${k}-" && g.tags["Name"] == "lookcard-test-${k}"],
    ))
    error_message = "Security groups are replaced create-before-destroy: each needs a name_prefix (<name_prefix>-<key>-), a fixed name collides with the group it replaces. The Name tag keeps the readable name."
  }
}
