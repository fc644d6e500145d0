# Guarantees of the DynamoDB module, planned against the real AWS provider
# schema. The tables are shaped like the catalog module's tables output.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix         = "lookcard-test"
  account_id          = "123456789012"
  region              = "ap-southeast-1"
  kms_key_arn         = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
  deletion_protection = false
  services            = ["card-api", "crypto-listener", "config-api"]
  tables = {
    "card-api/cards"           = { service = "card-api", table = "cards", hash_key = "card_id" }
    "card-api/idempotency"     = { service = "card-api", table = "idempotency", hash_key = "key", ttl = "expires_at" }
    "crypto-listener/deposits" = { service = "crypto-listener", table = "deposits", hash_key = "wallet_id", range_key = "tx_hash", stream = true }
  }
}

run "every_table_has_point_in_time_recovery" {
  command = plan

  assert {
    condition     = length(aws_dynamodb_table.this) == 3 && alltrue([for t in aws_dynamodb_table.this : t.point_in_time_recovery[0].enabled])
    error_message = "Point-in-time recovery must be on for every table."
  }
}

run "every_table_is_encrypted_with_the_data_key" {
  command = plan

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.server_side_encryption[0].enabled && t.server_side_encryption[0].kms_key_arn == var.kms_key_arn])
    error_message = "Every table must be encrypted with the data key (not the AWS owned key)."
  }
}

run "names_are_lookcard_env_service_table" {
  command = plan

  assert {
    condition = { for k, t in aws_dynamodb_table.this : k => t.name } == {
      "card-api/cards"           = "lookcard-test-card-api-cards"
      "card-api/idempotency"     = "lookcard-test-card-api-idempotency"
      "crypto-listener/deposits" = "lookcard-test-crypto-listener-deposits"
    }
    error_message = "Tables must be named <name_prefix>-<service>-<table>."
  }

  assert {
    condition     = alltrue([for k, t in aws_dynamodb_table.this : t.tags["Name"] == t.name && t.tags["Service"] == var.tables[k].service && t.tags["DataClassification"] == "restricted"])
    error_message = "Every table must be tagged with its Name, its Service and DataClassification = restricted."
  }
}

run "keys_are_strings_as_declared" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this["crypto-listener/deposits"].hash_key == "wallet_id" && aws_dynamodb_table.this["crypto-listener/deposits"].range_key == "tx_hash"
    error_message = "hash_key and range_key must be the declared ones."
  }

  assert {
    condition     = aws_dynamodb_table.this["crypto-listener/deposits"].attribute == toset([{ name = "wallet_id", type = "S" }, { name = "tx_hash", type = "S" }]) && aws_dynamodb_table.this["card-api/cards"].attribute == toset([{ name = "card_id", type = "S" }])
    error_message = "Exactly the key attributes are declared, as strings."
  }

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.billing_mode == "PAY_PER_REQUEST"])
    error_message = "Tables are on-demand unless the catalog says otherwise."
  }
}

run "ttl_only_where_declared" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this["card-api/idempotency"].ttl[0].attribute_name == "expires_at" && aws_dynamodb_table.this["card-api/idempotency"].ttl[0].enabled
    error_message = "A declared TTL attribute must be enabled."
  }

  assert {
    condition     = length(aws_dynamodb_table.this["card-api/cards"].ttl) == 0 && length(aws_dynamodb_table.this["crypto-listener/deposits"].ttl) == 0
    error_message = "Tables without a declared TTL must have none."
  }
}

run "streams_only_where_declared" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this["crypto-listener/deposits"].stream_enabled == true && aws_dynamodb_table.this["crypto-listener/deposits"].stream_view_type == "NEW_AND_OLD_IMAGES"
    error_message = "A declared stream must be on with NEW_AND_OLD_IMAGES."
  }

  assert {
    condition     = aws_dynamodb_table.this["card-api/cards"].stream_enabled == false && aws_dynamodb_table.this["card-api/idempotency"].stream_enabled == false
    error_message = "Tables without a declared stream must have none."
  }

  assert {
    condition     = output.tables["card-api/cards"].stream_arn == null
    error_message = "stream_arn must be null for a table without a stream."
  }
}

run "deletion_protection_off_when_not_asked" {
  command = plan

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.deletion_protection_enabled == false])
    error_message = "deletion_protection = false must leave every table unprotected."
  }
}

run "deletion_protection_is_passed_through" {
  command = plan

  variables {
    deletion_protection = true
  }

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.deletion_protection_enabled == true])
    error_message = "deletion_protection = true must protect every table."
  }
}

run "table_arns_are_known_at_plan" {
  command = plan

  assert {
    condition     = output.tables["card-api/cards"].arn == "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-cards" && output.tables["card-api/cards"].name == "lookcard-test-card-api-cards" && output.tables["card-api/cards"].service == "card-api"
    error_message = "tables[*].arn must be arn:aws:dynamodb:<region>:<account>:table/<name>, known at plan time."
  }
}

run "table_arns_by_service_grants_each_service_only_its_own_tables" {
  command = plan

  assert {
    condition = output.table_arns_by_service["card-api"] == tolist([
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-cards",
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-cards/index/*",
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-idempotency",
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-idempotency/index/*",
    ])
    error_message = "card-api must get its two tables and their indexes, and no stream it does not have."
  }

  assert {
    condition = output.table_arns_by_service["crypto-listener"] == tolist([
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-crypto-listener-deposits",
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-crypto-listener-deposits/index/*",
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-crypto-listener-deposits/stream/*",
    ])
    error_message = "crypto-listener must get its table, its indexes and its stream only."
  }

  assert {
    condition     = length(output.table_arns_by_service["config-api"]) == 0 && toset(keys(output.table_arns_by_service)) == toset(var.services)
    error_message = "Every catalog service has an entry; a service without tables gets nothing."
  }

  assert {
    condition = alltrue(flatten([for s, arns in output.table_arns_by_service : [
      for a in arns : startswith(a, "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-${s}-")
    ]]))
    error_message = "No service may be granted another service's table."
  }
}

run "provisioned_tables_take_their_capacity" {
  command = plan

  variables {
    tables = {
      "card-api/ledger" = { service = "card-api", table = "ledger", hash_key = "id", billing_mode = "PROVISIONED", read_capacity = 5, write_capacity = 2 }
    }
  }

  assert {
    condition     = aws_dynamodb_table.this["card-api/ledger"].billing_mode == "PROVISIONED" && aws_dynamodb_table.this["card-api/ledger"].read_capacity == 5 && aws_dynamodb_table.this["card-api/ledger"].write_capacity == 2
    error_message = "A PROVISIONED table must get the asked capacity."
  }
}

run "no_tables_is_fine" {
  command = plan

  variables {
    tables = {}
  }

  assert {
    condition     = length(aws_dynamodb_table.this) == 0 && length(output.table_arns_by_service["card-api"]) == 0
    error_message = "An empty catalog of tables creates no table and grants nothing."
  }
}

# Rejections.

run "rejects_table_of_a_service_not_in_the_catalog" {
  command = plan

  variables {
    tables = {
      "ghost-api/things" = { service = "ghost-api", table = "things", hash_key = "id" }
    }
  }

  expect_failures = [aws_dynamodb_table.this]
}

run "rejects_key_without_table_part" {
  command = plan

  variables {
    tables = {
      "card-api" = { service = "card-api", table = "cards", hash_key = "card_id" }
    }
  }

  expect_failures = [var.tables]
}

run "rejects_billing_mode_ondemand" {
  command = plan

  variables {
    tables = {
      "card-api/cards" = { service = "card-api", table = "cards", hash_key = "card_id", billing_mode = "ONDEMAND" }
    }
  }

  expect_failures = [var.tables]
}

run "rejects_bad_attribute_name" {
  command = plan

  variables {
    tables = {
      "card-api/cards" = { service = "card-api", table = "cards", hash_key = "card id" }
    }
  }

  expect_failures = [var.tables]
}

run "rejects_provisioned_table_without_capacity" {
  command = plan

  variables {
    tables = {
      "card-api/cards" = { service = "card-api", table = "cards", hash_key = "card_id", billing_mode = "PROVISIONED" }
    }
  }

  expect_failures = [var.tables]
}
