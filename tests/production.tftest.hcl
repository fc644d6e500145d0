# What production guarantees beyond every environment.
# Targeted runs plan only the module they read (see all_environments.tftest.hcl).

run "production_keys_wait_30_days_before_deletion" {
  command = plan

  plan_options {
    target = [module.kms]
  }

  assert {
    condition     = var.kms.deletion_window_in_days == 30
    error_message = "Production KMS keys must have a 30-day deletion window."
  }
}

run "production_data_is_classified_restricted" {
  command = plan

  plan_options {
    target = [module.kms]
  }

  assert {
    condition     = var.data_classification == "restricted"
    error_message = "Production holds cardholder data: DataClassification must be restricted."
  }
}

run "production_has_a_nat_gateway_per_az" {
  command = plan

  plan_options {
    target = [module.network]
  }

  assert {
    condition     = output.nat_gateway_count == 3
    error_message = "Production needs one NAT gateway per AZ."
  }
}

run "production_keeps_logs_a_year" {
  command = plan

  assert {
    condition     = var.logs.retention_in_days >= 365
    error_message = "PCI DSS 10.5.1: production keeps logs at least 365 days."
  }

  # Same plan, no extra cost: the audit logs are immutable against every role
  # of the account, and backups cannot be deleted and survive the region.
  assert {
    condition     = var.audit.object_lock && var.audit.object_lock_mode == "COMPLIANCE"
    error_message = "PCI DSS 10.3.3: production's audit logs must be object-locked in COMPLIANCE mode (no principal of the account can delete them)."
  }

  assert {
    condition     = module.backup[0].vault_lock.mode == "COMPLIANCE" && module.backup[0].copy_vault_arn != null
    error_message = "Production backups need a COMPLIANCE vault lock and a cross-region copy."
  }
}

run "production_serves_the_api_on_the_apex_domain" {
  command = plan

  plan_options {
    target = [module.certificates_dns]
  }

  assert {
    condition     = module.certificates_dns.api_hostname == "api.lookcard.com" && module.certificates_dns.app_hostname == "app.lookcard.com"
    error_message = "Production's public names are api.lookcard.com and app.lookcard.com."
  }
}

run "production_keeps_waf_on_and_blocking" {
  command = plan

  plan_options {
    target = [module.waf_regional]
  }

  assert {
    condition     = var.waf.enabled && alltrue([for g in values(var.waf.managed_rule_groups) : g.action == "block"])
    error_message = "Production must run WAF with every managed rule group blocking (PCI DSS 6.4.2)."
  }
}
