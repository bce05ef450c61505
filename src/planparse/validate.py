"""The JSON Schema is generated from the pydantic models; every output is checked against it."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from .models import Comparison, Plan

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"  # the published copy, in the repository
PACKAGED_SCHEMAS = Path(__file__).resolve().parent / "schemas"  # the copy in the wheel, for installed users
SCHEMA_PATH = SCHEMAS / "plan.schema.json"
COMPARISON_SCHEMA_PATH = SCHEMAS / "comparison.schema.json"


def _schema(model: type[BaseModel], name: str) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://planparse.example/schemas/{name}.schema.json"
    return schema


@lru_cache(maxsize=None)
def plan_schema() -> dict:
    return _schema(Plan, "plan")


@lru_cache(maxsize=None)
def comparison_schema() -> dict:
    return _schema(Comparison, "comparison")


def validate_plan(data: dict) -> None:
    """Round-trip through the models (the source of truth); raises ValueError on a bad document."""
    Plan.model_validate(data)


def write_schemas() -> None:
    for folder in (SCHEMAS, PACKAGED_SCHEMAS):
        for name, schema in (("plan", plan_schema()), ("comparison", comparison_schema())):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
                                                      encoding="utf-8")
