"""Tests of the rotation function (stdlib only: python3 -m unittest -v).

A fake Secrets Manager client is injected through index.client_factory; it
keeps versions, staging labels and values the way Secrets Manager does, so
each step is checked against the state it leaves behind.
"""

import importlib
import json
import logging
import os
import sys
import types
import unittest
from unittest import mock

import index

ARN = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/jwt-signing-key-AbC123"
OLD_TOKEN = "11111111-1111-1111-1111-111111111111"
TOKEN = "22222222-2222-2222-2222-222222222222"

OLD_VALUE = "OldValue" * 8  # 64 characters
NEW_VALUE = "NewValue" * 8  # 64 characters, what GetRandomPassword returns


class ResourceNotFoundException(Exception):
    """Stands in for the botocore exception of the same name."""


class ResourceExistsException(Exception):
    """Stands in for the botocore exception of the same name."""


class FakeSecretsManager:
    """In-memory Secrets Manager holding one secret's versions."""

    exceptions = types.SimpleNamespace(
        ResourceNotFoundException=ResourceNotFoundException,
        ResourceExistsException=ResourceExistsException,
    )

    def __init__(self, versions, rotation_enabled=True, random_password=NEW_VALUE):
        # versions: {version_id: {"stages": [...], "string": str or None}}
        self.versions = {v: {"stages": list(d["stages"]), "string": d.get("string")} for v, d in versions.items()}
        self.rotation_enabled = rotation_enabled
        self.random_password = random_password
        self.calls = []

    def _check_arn(self, secret_id):
        if secret_id != ARN:
            raise ResourceNotFoundException(f"no secret {secret_id}")

    def describe_secret(self, SecretId):
        self.calls.append(("describe_secret", {"SecretId": SecretId}))
        self._check_arn(SecretId)
        result = {
            "ARN": ARN,
            "VersionIdsToStages": {v: list(d["stages"]) for v, d in self.versions.items() if d["stages"]},
        }
        if self.rotation_enabled:
            result["RotationEnabled"] = True
        return result

    def get_secret_value(self, SecretId, VersionId=None, VersionStage=None):
        self.calls.append(("get_secret_value", {"SecretId": SecretId, "VersionId": VersionId, "VersionStage": VersionStage}))
        self._check_arn(SecretId)
        if VersionId is not None:
            version = self.versions.get(VersionId)
            if version is None or (VersionStage is not None and VersionStage not in version["stages"]):
                raise ResourceNotFoundException("no such version")
            version_id = VersionId
        else:
            stage = VersionStage or "AWSCURRENT"
            matches = [v for v, d in self.versions.items() if stage in d["stages"]]
            if not matches:
                raise ResourceNotFoundException("no version has that stage")
            version_id = matches[0]
        if self.versions[version_id]["string"] is None:
            raise ResourceNotFoundException("the version has no value")
        return {"ARN": ARN, "VersionId": version_id, "SecretString": self.versions[version_id]["string"]}

    def get_random_password(self, **kwargs):
        self.calls.append(("get_random_password", kwargs))
        return {"RandomPassword": self.random_password}

    def put_secret_value(self, SecretId, ClientRequestToken, SecretString, VersionStages):
        self.calls.append(
            (
                "put_secret_value",
                {"SecretId": SecretId, "ClientRequestToken": ClientRequestToken, "SecretString": SecretString, "VersionStages": VersionStages},
            )
        )
        self._check_arn(SecretId)
        version = self.versions.setdefault(ClientRequestToken, {"stages": [], "string": None})
        if version["string"] is not None and version["string"] != SecretString:
            raise ResourceExistsException("the version already has a different value")
        version["string"] = SecretString
        for stage in VersionStages:
            for other in self.versions.values():
                if stage in other["stages"]:
                    other["stages"].remove(stage)
            version["stages"].append(stage)

    def update_secret_version_stage(self, SecretId, VersionStage, MoveToVersionId, RemoveFromVersionId=None):
        self.calls.append(
            (
                "update_secret_version_stage",
                {"SecretId": SecretId, "VersionStage": VersionStage, "MoveToVersionId": MoveToVersionId, "RemoveFromVersionId": RemoveFromVersionId},
            )
        )
        self._check_arn(SecretId)
        holders = [v for v, d in self.versions.items() if VersionStage in d["stages"]]
        if holders and RemoveFromVersionId not in holders:
            raise ValueError("InvalidParameterException: the stage is attached to another version")
        for holder in holders:
            self.versions[holder]["stages"].remove(VersionStage)
            if VersionStage == "AWSCURRENT":
                for d in self.versions.values():
                    if "AWSPREVIOUS" in d["stages"]:
                        d["stages"].remove("AWSPREVIOUS")
                self.versions[holder]["stages"].append("AWSPREVIOUS")
        self.versions[MoveToVersionId]["stages"].append(VersionStage)

    def writes(self):
        return [c for c in self.calls if c[0] in ("put_secret_value", "update_secret_version_stage")]

    def called(self, name):
        return [kwargs for call, kwargs in self.calls if call == name]


def rotation_in_progress(current_string=OLD_VALUE, pending_string=None):
    """A secret as Secrets Manager leaves it when it starts a rotation."""
    versions = {TOKEN: {"stages": ["AWSPENDING"], "string": pending_string}}
    if current_string is not None:
        versions[OLD_TOKEN] = {"stages": ["AWSCURRENT"], "string": current_string}
    return versions


def event(step, token=TOKEN):
    return {"SecretId": ARN, "ClientRequestToken": token, "Step": step}


class RotationTestCase(unittest.TestCase):
    def setUp(self):
        env = mock.patch.dict(os.environ)
        env.start()
        self.addCleanup(env.stop)
        for name in ("PASSWORD_LENGTH", "EXCLUDE_PUNCTUATION", "SECRETS_MANAGER_ENDPOINT"):
            os.environ.pop(name, None)

    def use(self, client):
        patcher = mock.patch.object(index, "client_factory", lambda: client)
        patcher.start()
        self.addCleanup(patcher.stop)
        return client


class CreateSecretTest(RotationTestCase):
    def test_generates_a_plain_value_when_the_current_value_is_plain(self):
        client = self.use(FakeSecretsManager(rotation_in_progress()))
        index.handler(event("createSecret"), None)

        self.assertEqual(client.called("get_random_password"), [
            {"PasswordLength": 64, "ExcludePunctuation": True, "IncludeSpace": False, "RequireEachIncludedType": True}
        ])
        self.assertEqual(client.called("put_secret_value"), [
            {"SecretId": ARN, "ClientRequestToken": TOKEN, "SecretString": NEW_VALUE, "VersionStages": ["AWSPENDING"]}
        ])
        self.assertEqual(client.versions[OLD_TOKEN]["stages"], ["AWSCURRENT"], "createSecret must not touch AWSCURRENT")

    def test_keeps_the_json_shape_of_the_current_value(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(current_string=json.dumps({"value": OLD_VALUE, "algorithm": "HS512"}))))
        index.handler(event("createSecret"), None)

        written = json.loads(client.versions[TOKEN]["string"])
        self.assertEqual(written, {"value": NEW_VALUE, "algorithm": "HS512"})

    def test_json_that_is_not_an_object_is_a_plain_string(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(current_string="12345")))
        index.handler(event("createSecret"), None)
        self.assertEqual(client.versions[TOKEN]["string"], NEW_VALUE)

    def test_first_value_of_an_empty_secret_is_a_plain_string(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(current_string=None)))
        index.handler(event("createSecret"), None)
        self.assertEqual(client.versions[TOKEN]["string"], NEW_VALUE)

    def test_does_not_regenerate_an_existing_pending_value(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(pending_string="AlreadyPending" * 5)))
        index.handler(event("createSecret"), None)

        self.assertEqual(client.called("get_random_password"), [], "a re-run must not generate a second value")
        self.assertEqual(client.writes(), [], "a re-run must not write")
        self.assertEqual(client.versions[TOKEN]["string"], "AlreadyPending" * 5)

    def test_length_and_punctuation_come_from_the_environment(self):
        os.environ["PASSWORD_LENGTH"] = "96"
        os.environ["EXCLUDE_PUNCTUATION"] = "false"
        client = self.use(FakeSecretsManager(rotation_in_progress()))
        index.handler(event("createSecret"), None)

        call = client.called("get_random_password")[0]
        self.assertEqual((call["PasswordLength"], call["ExcludePunctuation"]), (96, False))

    def test_rejects_a_bad_configuration_before_writing(self):
        for name, value in (("PASSWORD_LENGTH", "16"), ("PASSWORD_LENGTH", "5000"), ("PASSWORD_LENGTH", "long"), ("EXCLUDE_PUNCTUATION", "yes")):
            with self.subTest(name=name, value=value), mock.patch.dict(os.environ, {name: value}):
                client = self.use(FakeSecretsManager(rotation_in_progress()))
                with self.assertRaises(ValueError):
                    index.handler(event("createSecret"), None)
                self.assertEqual(client.writes(), [])

    def test_refuses_a_json_object_without_a_value_key(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(current_string=json.dumps({"username": "u", "password": "p"}))))
        with self.assertRaises(ValueError):
            index.handler(event("createSecret"), None)
        self.assertEqual(client.writes(), [], "a secret of another shape must never be overwritten")

    def test_refuses_a_binary_secret(self):
        client = self.use(FakeSecretsManager(rotation_in_progress()))
        original = client.get_secret_value

        def binary_current(**kwargs):
            result = original(**kwargs)
            if kwargs.get("VersionStage") == "AWSCURRENT" and kwargs.get("VersionId") is None:
                result = {"ARN": ARN, "VersionId": OLD_TOKEN, "SecretBinary": b"\x00"}
            return result

        client.get_secret_value = binary_current
        with self.assertRaises(ValueError):
            index.handler(event("createSecret"), None)
        self.assertEqual(client.writes(), [])


class SetSecretTest(RotationTestCase):
    def test_is_a_no_op(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(pending_string=NEW_VALUE)))
        index.handler(event("setSecret"), None)
        self.assertEqual(client.writes(), [])
        self.assertEqual(client.called("get_secret_value"), [], "setSecret has no reason to read the value")


class TestSecretTest(RotationTestCase):
    def test_accepts_a_pending_value_of_the_required_length(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(pending_string=NEW_VALUE)))
        index.handler(event("testSecret"), None)
        self.assertEqual(client.writes(), [])

    def test_checks_the_value_inside_the_json_shape(self):
        self.use(FakeSecretsManager(rotation_in_progress(pending_string=json.dumps({"value": NEW_VALUE}))))
        index.handler(event("testSecret"), None)

        self.use(FakeSecretsManager(rotation_in_progress(pending_string=json.dumps({"value": "short", "padding": "x" * 100}))))
        with self.assertRaises(ValueError):
            index.handler(event("testSecret"), None)

    def test_rejects_a_short_pending_value(self):
        self.use(FakeSecretsManager(rotation_in_progress(pending_string="TooShortSecretValue")))
        with self.assertRaises(ValueError) as raised:
            index.handler(event("testSecret"), None)
        self.assertNotIn("TooShortSecretValue", str(raised.exception), "an error must not carry the value")

    def test_rejects_a_missing_pending_value(self):
        self.use(FakeSecretsManager(rotation_in_progress(pending_string=None)))
        with self.assertRaises(ValueError):
            index.handler(event("testSecret"), None)

    def test_required_length_follows_the_environment(self):
        os.environ["PASSWORD_LENGTH"] = "128"
        self.use(FakeSecretsManager(rotation_in_progress(pending_string=NEW_VALUE)))
        with self.assertRaises(ValueError):
            index.handler(event("testSecret"), None)


class FinishSecretTest(RotationTestCase):
    def test_moves_awscurrent_to_the_token(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(pending_string=NEW_VALUE)))
        index.handler(event("finishSecret"), None)

        self.assertEqual(client.called("update_secret_version_stage"), [
            {"SecretId": ARN, "VersionStage": "AWSCURRENT", "MoveToVersionId": TOKEN, "RemoveFromVersionId": OLD_TOKEN}
        ])
        self.assertIn("AWSCURRENT", client.versions[TOKEN]["stages"])
        self.assertEqual(client.versions[OLD_TOKEN]["stages"], ["AWSPREVIOUS"])

    def test_first_value_has_no_version_to_remove_awscurrent_from(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(current_string=None, pending_string=NEW_VALUE)))
        index.handler(event("finishSecret"), None)

        self.assertEqual(client.called("update_secret_version_stage"), [
            {"SecretId": ARN, "VersionStage": "AWSCURRENT", "MoveToVersionId": TOKEN, "RemoveFromVersionId": None}
        ])

    def test_returns_when_the_token_is_already_awscurrent(self):
        versions = {TOKEN: {"stages": ["AWSCURRENT", "AWSPENDING"], "string": NEW_VALUE}, OLD_TOKEN: {"stages": ["AWSPREVIOUS"], "string": OLD_VALUE}}
        client = self.use(FakeSecretsManager(versions))
        index.handler(event("finishSecret"), None)
        self.assertEqual(client.writes(), [])

        # The step function itself is idempotent too, whoever calls it.
        index.finish_secret(client, ARN, TOKEN)
        self.assertEqual(client.writes(), [])

    def test_re_running_finish_after_success_changes_nothing(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(pending_string=NEW_VALUE)))
        index.handler(event("finishSecret"), None)
        index.handler(event("finishSecret"), None)
        self.assertEqual(len(client.called("update_secret_version_stage")), 1)


class EventValidationTest(RotationTestCase):
    def test_rotation_must_be_enabled(self):
        client = self.use(FakeSecretsManager(rotation_in_progress(), rotation_enabled=False))
        with self.assertRaisesRegex(ValueError, "not enabled for rotation"):
            index.handler(event("createSecret"), None)
        self.assertEqual(client.writes(), [])

    def test_token_must_be_a_version_of_the_secret(self):
        client = self.use(FakeSecretsManager(rotation_in_progress()))
        with self.assertRaisesRegex(ValueError, "no stage for rotation"):
            index.handler(event("createSecret", token="33333333-3333-3333-3333-333333333333"), None)
        self.assertEqual(client.writes(), [])

    def test_token_must_be_staged_awspending(self):
        versions = {TOKEN: {"stages": ["AWSPREVIOUS"], "string": OLD_VALUE}, OLD_TOKEN: {"stages": ["AWSCURRENT"], "string": NEW_VALUE}}
        for step in index.STEPS:
            with self.subTest(step=step):
                client = self.use(FakeSecretsManager(versions))
                with self.assertRaisesRegex(ValueError, "not AWSPENDING"):
                    index.handler(event(step), None)
                self.assertEqual(client.writes(), [])

    def test_a_token_already_awscurrent_is_left_alone_in_every_step(self):
        versions = {TOKEN: {"stages": ["AWSCURRENT"], "string": NEW_VALUE}}
        for step in index.STEPS:
            with self.subTest(step=step):
                client = self.use(FakeSecretsManager(versions))
                index.handler(event(step), None)
                self.assertEqual(client.writes(), [])
                self.assertEqual(client.called("get_random_password"), [])

    def test_unknown_step_is_refused_before_any_call(self):
        factory = mock.Mock()
        with mock.patch.object(index, "client_factory", factory):
            with self.assertRaisesRegex(ValueError, "invalid step"):
                index.handler(event("deleteSecret"), None)
        factory.assert_not_called()

    def test_incomplete_event_is_refused(self):
        for bad in ({}, {"SecretId": ARN, "Step": "createSecret"}, None):
            with self.subTest(event=bad):
                with self.assertRaises(ValueError):
                    index.handler(bad, None)


class NoSecretInLogsTest(RotationTestCase):
    def test_a_full_rotation_never_logs_a_value(self):
        for current in (OLD_VALUE, json.dumps({"value": OLD_VALUE})):
            with self.subTest(current=current[:10]):
                client = self.use(FakeSecretsManager(rotation_in_progress(current_string=current)))
                with self.assertLogs(level=logging.DEBUG) as captured:
                    for step in index.STEPS:
                        index.handler(event(step), None)
                    # A re-run of every step logs too.
                    for step in index.STEPS:
                        index.handler(event(step), None)

                self.assertEqual(extract(client, TOKEN), NEW_VALUE)
                self.assertEqual(client.versions[OLD_TOKEN]["stages"], ["AWSPREVIOUS"])
                self.assertTrue(captured.records, "the steps must log what they do")
                for record in captured.records:
                    line = record.getMessage()
                    self.assertNotIn(NEW_VALUE, line)
                    self.assertNotIn(OLD_VALUE, line)
                    self.assertNotIn(NEW_VALUE[:16], line, "not even part of the value")

    def test_failures_do_not_log_a_value(self):
        short = "ShortButSecret1234"
        self.use(FakeSecretsManager(rotation_in_progress(pending_string=short)))
        with self.assertLogs(level=logging.DEBUG) as captured, self.assertRaises(ValueError) as raised:
            index.handler(event("testSecret"), None)
        self.assertNotIn(short, str(raised.exception))
        for record in captured.records:
            self.assertNotIn(short, record.getMessage())


def extract(client, version):
    return index.extract_value(client.versions[version]["string"])


class ClientFactoryTest(RotationTestCase):
    def fake_boto3(self):
        boto3 = types.ModuleType("boto3")
        boto3.client = mock.Mock(return_value="client")
        patcher = mock.patch.dict(sys.modules, {"boto3": boto3})
        patcher.start()
        self.addCleanup(patcher.stop)
        return boto3

    def test_uses_the_default_endpoint_when_none_is_set(self):
        boto3 = self.fake_boto3()
        self.assertEqual(index.default_client_factory(), "client")
        boto3.client.assert_called_once_with("secretsmanager")

    def test_honours_secrets_manager_endpoint(self):
        boto3 = self.fake_boto3()
        os.environ["SECRETS_MANAGER_ENDPOINT"] = "https://vpce-0abc-secretsmanager.ap-southeast-1.vpce.amazonaws.com"
        index.default_client_factory()
        boto3.client.assert_called_once_with("secretsmanager", endpoint_url="https://vpce-0abc-secretsmanager.ap-southeast-1.vpce.amazonaws.com")

    def test_refuses_a_plain_http_endpoint(self):
        boto3 = self.fake_boto3()
        os.environ["SECRETS_MANAGER_ENDPOINT"] = "http://secretsmanager.example"
        with self.assertRaises(ValueError):
            index.default_client_factory()
        boto3.client.assert_not_called()

    def test_module_imports_without_boto3(self):
        with mock.patch.dict(sys.modules, {"boto3": None}):  # makes "import boto3" fail
            reloaded = importlib.reload(index)
            self.assertTrue(callable(reloaded.handler))
        importlib.reload(index)


if __name__ == "__main__":
    unittest.main()
