# What production guarantees beyond every environment.

run "production_keys_wait_30_days_before_deletion" {
  command = plan

  assert {
    condition     = var.kms.deletion_window_in_days == 30
    error_message = "Production KMS keys must have a 30-day deletion window."
  }
}

run "production_data_is_classified_restricted" {
  command = plan

  assert {
    condition     = var.data_classification == "restricted"
    error_message = "Production holds cardholder data: DataClassification must be restricted."
  }
}
