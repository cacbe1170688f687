"""What the generated OpenAPI document cannot know from the routes alone.

Two things hold for every operation and are added here in one place: the request limits
(``app.core.limits`` answers 414, 413, 400 and 422 before any route runs) and, for operations
that take ``format``, the CSV and NDJSON bodies they can answer with.
"""

from __future__ import annotations

from typing import Any

from app.core.errors import PROBLEM_JSON

METHODS = ("get", "post", "put", "patch", "delete")
TABULAR = {
    "csv": {"text/csv": {"schema": {"type": "string"}}},
    "ndjson": {"application/x-ndjson": {"schema": {"type": "string"}}},
}
LIMITS = {
    "414": "The query string is longer than the limit.",
    "422": "A parameter or the body is invalid (control characters included).",
}
BODY_LIMITS = {
    "400": "The body is not well-formed JSON.",
    "413": "The body is larger than the limit.",
}


def _problem(description: str) -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {PROBLEM_JSON: {"schema": ref}}}


def _format_values(document: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    """The values of the operation's ``format`` query parameter, if it has one."""
    schemas = document.get("components", {}).get("schemas", {})
    for parameter in operation.get("parameters", []):
        if parameter.get("name") == "format" and parameter.get("in") == "query":
            schema = parameter.get("schema", {})
            options = [schema, *schema.get("anyOf", [])]
            options = [schemas[o["$ref"].rsplit("/", 1)[1]] if "$ref" in o else o for o in options]
            return [str(v) for o in options for v in o.get("enum", [])]
    return []


def _errors_as_problems(responses: dict[str, Any]) -> None:
    """Errors are served as problem+json only: move the schema there from application/json."""
    for status, response in responses.items():
        content = response.get("content", {})
        if status[0] in "45" and PROBLEM_JSON in content and "application/json" in content:
            content[PROBLEM_JSON] = content.pop("application/json")


def complete(document: dict[str, Any]) -> dict[str, Any]:
    """Add the limit responses and the tabular media types to every operation (idempotent)."""
    for item in document.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            limits = {**LIMITS, **(BODY_LIMITS if "requestBody" in operation else {})}
            for status, description in limits.items():
                responses.setdefault(status, _problem(description))
            _errors_as_problems(responses)
            ok = responses.get("200", {}).get("content")
            for value in _format_values(document, operation):
                if ok is not None:
                    for media, content in TABULAR.get(value, {}).items():
                        ok.setdefault(media, content)
    return document
