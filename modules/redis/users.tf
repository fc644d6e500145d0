# RBAC without secrets.
#
# Services connect as the "app" user with a short-lived IAM token
# (elasticache:Connect on the replication group and the user); there is no
# password to store, rotate or leak.
#
# A user group must contain a user named "default", and every connection
# starts as that user. AWS's own default user may run every command with no
# password, so it is replaced by one that is switched off ("off") and may
# run nothing ("-@all"): Redis refuses to authenticate a user that is off,
# whatever its authentication mode, so unauthenticated connections can do
# nothing but AUTH as the app user. It cannot use IAM authentication (IAM
# needs user ID = user name, and the name must be "default", an ID AWS
# already holds), and a password would put a secret in the configuration and
# the state for a user nobody may use, so it needs no password. See
# README.md, "The default user".

resource "aws_elasticache_user" "app" {
  # IAM authentication requires the user ID and the user name to be equal.
  user_id   = "${var.name_prefix}-app"
  user_name = "${var.name_prefix}-app"
  engine    = "redis"

  # Every key and channel and every data command; no administrative command
  # (CONFIG, ACL SETUSER, DEBUG, MONITOR, ...) and no wiping the keyspace.
  access_string = "on ~* &* +@all -@admin -flushall -flushdb"

  authentication_mode {
    type = "iam"
  }

  tags = { Name = "${var.name_prefix}-app" }
}

resource "aws_elasticache_user" "default" {
  user_id       = "${var.name_prefix}-default"
  user_name     = "default"
  engine        = "redis"
  access_string = "off -@all"

  # The flag rather than authentication_mode { type = "no-password-required" }:
  # ElastiCache reads that mode back as "no-password", which would show as a
  # change on every plan; authentication_mode is left to be read back.
  no_password_required = true

  tags = { Name = "${var.name_prefix}-default" }
}

resource "aws_elasticache_user_group" "this" {
  user_group_id = "${var.name_prefix}-redis"
  engine        = "redis"
  user_ids      = [aws_elasticache_user.default.user_id, aws_elasticache_user.app.user_id]

  tags = { Name = "${var.name_prefix}-redis" }
}
