"""The IATI 2.03 activity schema (the XSD files beside this module, see README.md), loaded once, from disk only."""

import functools
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent
ACTIVITY_SCHEMA = SCHEMA_DIR / "iati-activities-schema.xsd"


class LocalOnlyResolver(etree.Resolver):
    """Refuses every URL that is not a file beside the schema, so that validating never goes to the network (the
    schemas import xml.xsd by a relative path; a copy that pointed at w3.org would fail here, not fetch it)."""

    def resolve(self, system_url, public_id, context):
        if "://" in system_url and not system_url.startswith("file://"):
            raise OSError(f"IATI schema: refusing to fetch {system_url}")
        return None  # a local file: lxml reads it as usual


def schema_parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalOnlyResolver())
    return parser


@functools.cache
def activity_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ACTIVITY_SCHEMA), schema_parser()))


def validation_errors(xml: bytes) -> list[str]:
    """What the 2.03 schema finds wrong with `xml` (an activity file), one line each; empty when it is valid."""
    schema = activity_schema()
    document = etree.fromstring(xml, schema_parser())
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
