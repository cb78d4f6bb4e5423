"""Versions and the JSON contract: ``minutes.__version__``, ``minutes --version``, the tool and
schema version in every output, and a JSON Schema (``$schema``, ``$id``, every written field
``required``) that every output validates against."""

from __future__ import annotations

import json
from importlib.metadata import version

import pytest

import minutes
from conftest import ALL_DOCUMENTS, parsed_json
from minutes.cli import main
from minutes.models import SCHEMA_VERSION, json_schema


def test_version_is_the_package_version():
    assert minutes.__version__ == version("minutes")


def test_version_option(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"minutes {minutes.__version__} (JSON schema {SCHEMA_VERSION})\n"


def test_every_output_records_the_tool_and_schema_versions():
    data = json.loads(minutes.parse("صورتجلسه").model_dump_json())
    assert data["tool"] == {"name": "minutes", "version": minutes.__version__, "schema_version": SCHEMA_VERSION}


def test_schema_names_itself_and_requires_every_field(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:minutes:schema:{SCHEMA_VERSION}"
    for name, model in [("Minutes", schema), *schema["$defs"].items()]:
        if "properties" in model:  # every field is always written, so every one is required
            absent = {"Source": {"pages"}}.get(name, set())  # written for PDF and images only
            assert sorted(model.get("required", [])) == sorted(set(model["properties"]) - absent), name


@pytest.mark.parametrize("path", ALL_DOCUMENTS[::3], ids=lambda p: p.name)
def test_outputs_validate_against_the_schema(path):
    import jsonschema

    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(parsed_json(path)))


def test_schema_refuses_what_is_not_an_output():
    import jsonschema

    data = json.loads(minutes.parse("صورتجلسه").model_dump_json())
    del data["diagnostics"]
    with pytest.raises(jsonschema.ValidationError, match="'diagnostics' is a required property"):
        jsonschema.Draft202012Validator(json_schema()).validate(data)


def test_warm_up_builds_what_the_first_parse_needs():
    from minutes.text.hazm_lite import normalizer

    minutes.warm_up()
    assert normalizer.cache_info().currsize == 1


def test_parse_bytes_of_an_upload_is_parse_file(tmp_path):
    """A web app's upload: the bytes and the name the browser sent."""
    from conftest import CORPUS, SEED_003

    for source in (SEED_003, CORPUS / "company_board_58.docx", CORPUS / "university_news_board.html"):
        copy = tmp_path / source.name
        copy.write_bytes(source.read_bytes())
        assert minutes.parse_bytes(source.read_bytes(), str(copy)) == minutes.parse_file(copy)
        assert minutes.parse_bytes(source.read_bytes(), filename=str(copy)) == minutes.parse_file(copy)
