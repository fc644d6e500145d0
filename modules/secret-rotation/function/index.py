"""Secrets Manager rotation function for secrets the platform generates itself.

The four steps follow AWS's rotation template for a single generated value:

* createSecret: generate a random value with GetRandomPassword and store it as
  the AWSPENDING version of the token, in the secret's existing format (a JSON
  object {"value": ...} stays such an object, anything else is a plain string).
  Re-runs are idempotent: an AWSPENDING value for the token is never replaced.
* setSecret: nothing to do. No downstream system holds the value; its readers
  accept AWSCURRENT and AWSPREVIOUS while their caches refresh.
* testSecret: the AWSPENDING value exists and is at least PASSWORD_LENGTH long.
* finishSecret: move AWSCURRENT to the token's version (Secrets Manager moves
  AWSPREVIOUS to the version that was current).

Configuration (environment variables):

* PASSWORD_LENGTH: length of generated values, 32 to 4096 (default 64).
* EXCLUDE_PUNCTUATION: "true" (default) or "false".
* SECRETS_MANAGER_ENDPOINT: optional https:// endpoint URL; normally unset,
  the interface VPC endpoint's private DNS answers for the public name.

No secret value is ever logged or put in an exception message: logs carry
the secret ARN, the step and version IDs only.

Only the standard library is imported at module level. boto3 (present in the
Lambda runtime) is imported inside the client factory, so tests replace
``client_factory`` with a fake and need no boto3.
"""

import json
import logging
import os

logger = logging.getLogger(__name__)

STEPS = ("createSecret", "setSecret", "testSecret", "finishSecret")
CURRENT = "AWSCURRENT"
PENDING = "AWSPENDING"

MIN_LENGTH = 32
MAX_LENGTH = 4096  # GetRandomPassword's limit
DEFAULT_LENGTH = 64


def default_client_factory():
    """Return a Secrets Manager client; honours SECRETS_MANAGER_ENDPOINT."""
    import boto3  # pylint: disable=import-outside-toplevel

    endpoint = os.environ.get("SECRETS_MANAGER_ENDPOINT", "").strip()
    if endpoint:
        if not endpoint.startswith("https://"):
            raise ValueError("SECRETS_MANAGER_ENDPOINT must be an https:// URL")
        return boto3.client("secretsmanager", endpoint_url=endpoint)
    return boto3.client("secretsmanager")


# Replaced by tests with a factory returning a fake client.
client_factory = default_client_factory


def password_length():
    """PASSWORD_LENGTH as an int within bounds (a misconfiguration fails loudly)."""
    raw = os.environ.get("PASSWORD_LENGTH", str(DEFAULT_LENGTH)).strip()
    try:
        length = int(raw)
    except ValueError:
        raise ValueError("PASSWORD_LENGTH must be a whole number") from None
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        raise ValueError(f"PASSWORD_LENGTH must be from {MIN_LENGTH} to {MAX_LENGTH}")
    return length


def exclude_punctuation():
    """EXCLUDE_PUNCTUATION as a bool (true unless explicitly false)."""
    raw = os.environ.get("EXCLUDE_PUNCTUATION", "true").strip().lower()
    if raw not in ("true", "false"):
        raise ValueError("EXCLUDE_PUNCTUATION must be true or false")
    return raw == "true"


def handler(event, context):  # pylint: disable=unused-argument
    """Entry point: validate the event, then run the requested step."""
    try:
        arn = event["SecretId"]
        token = event["ClientRequestToken"]
        step = event["Step"]
    except (KeyError, TypeError):
        raise ValueError("event must carry SecretId, ClientRequestToken and Step") from None
    if step not in STEPS:
        raise ValueError(f"invalid step {step!r}: expected one of {', '.join(STEPS)}")

    client = client_factory()

    metadata = client.describe_secret(SecretId=arn)
    if not metadata.get("RotationEnabled", False):
        raise ValueError(f"secret {arn} is not enabled for rotation")
    versions = metadata.get("VersionIdsToStages", {})
    if token not in versions:
        raise ValueError(f"version {token} of secret {arn} has no stage for rotation")
    if CURRENT in versions[token]:
        logger.info("%s: version %s of secret %s is already AWSCURRENT; nothing to do", step, token, arn)
        return
    if PENDING not in versions[token]:
        raise ValueError(f"version {token} of secret {arn} is not AWSPENDING")

    logger.info("%s: secret %s, version %s", step, arn, token)
    if step == "createSecret":
        create_secret(client, arn, token)
    elif step == "setSecret":
        set_secret(client, arn, token)
    elif step == "testSecret":
        test_secret(client, arn, token)
    else:
        finish_secret(client, arn, token)


def secret_shape(secret_string):
    """Return "json" for a JSON object holding a string "value", else "plain".

    A JSON object without a string "value" is refused: it is not a secret this
    function owns, and replacing it with a plain string would destroy it.
    """
    try:
        parsed = json.loads(secret_string)
    except ValueError:
        return "plain"
    if not isinstance(parsed, dict):
        return "plain"
    if isinstance(parsed.get("value"), str):
        return "json"
    raise ValueError('secret is a JSON object without a string "value" key: not rotated by this function')


def extract_value(secret_string):
    """The rotated value inside a secret string of either shape."""
    if secret_shape(secret_string) == "json":
        return json.loads(secret_string)["value"]
    return secret_string


def create_secret(client, arn, token):
    """Store a new random value as AWSPENDING, unless the token already has one."""
    current_string = None
    try:
        current = client.get_secret_value(SecretId=arn, VersionStage=CURRENT)
        current_string = current.get("SecretString")
        if current_string is None:
            raise ValueError(f"secret {arn} holds binary data: not rotated by this function")
    except client.exceptions.ResourceNotFoundException:
        logger.info("createSecret: secret %s has no AWSCURRENT value yet; the first value will be a plain string", arn)

    try:
        client.get_secret_value(SecretId=arn, VersionId=token, VersionStage=PENDING)
        logger.info("createSecret: version %s of secret %s already has an AWSPENDING value; keeping it", token, arn)
        return
    except client.exceptions.ResourceNotFoundException:
        pass

    shape = "plain" if current_string is None else secret_shape(current_string)
    value = client.get_random_password(
        PasswordLength=password_length(),
        ExcludePunctuation=exclude_punctuation(),
        IncludeSpace=False,
        RequireEachIncludedType=True,
    )["RandomPassword"]

    if shape == "json":
        document = json.loads(current_string)
        document["value"] = value
        secret_string = json.dumps(document)
    else:
        secret_string = value

    client.put_secret_value(
        SecretId=arn,
        ClientRequestToken=token,
        SecretString=secret_string,
        VersionStages=[PENDING],
    )
    logger.info("createSecret: stored a new %s value as AWSPENDING for version %s of secret %s", shape, token, arn)


def set_secret(client, arn, token):  # pylint: disable=unused-argument
    """No downstream system to update: readers pick the new value up themselves."""
    logger.info("setSecret: nothing to set for secret %s (readers accept AWSCURRENT and AWSPREVIOUS)", arn)


def test_secret(client, arn, token):
    """The AWSPENDING value exists and is at least PASSWORD_LENGTH characters."""
    try:
        pending = client.get_secret_value(SecretId=arn, VersionId=token, VersionStage=PENDING)
    except client.exceptions.ResourceNotFoundException:
        raise ValueError(f"version {token} of secret {arn} has no AWSPENDING value") from None
    secret_string = pending.get("SecretString")
    if secret_string is None:
        raise ValueError(f"version {token} of secret {arn} holds no string value")
    value = extract_value(secret_string)
    required = password_length()
    if len(value) < required:
        raise ValueError(
            f"the AWSPENDING value of version {token} of secret {arn} is {len(value)} characters, "
            f"shorter than the required {required}"
        )
    logger.info("testSecret: the AWSPENDING value of version %s of secret %s has the required length", token, arn)


def finish_secret(client, arn, token):
    """Move AWSCURRENT to the token's version."""
    metadata = client.describe_secret(SecretId=arn)
    current_version = None
    for version, stages in metadata.get("VersionIdsToStages", {}).items():
        if CURRENT in stages:
            if version == token:
                logger.info("finishSecret: version %s of secret %s is already AWSCURRENT", token, arn)
                return
            current_version = version
            break

    arguments = {"SecretId": arn, "VersionStage": CURRENT, "MoveToVersionId": token}
    if current_version is not None:
        arguments["RemoveFromVersionId"] = current_version
    client.update_secret_version_stage(**arguments)
    logger.info(
        "finishSecret: moved AWSCURRENT of secret %s to version %s (from %s)",
        arn,
        token,
        current_version or "no version",
    )
