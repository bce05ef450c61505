"""The JSON Schema is generated from the pydantic models; every output is checked against it."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .models import Plan

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "plan.schema.json"


@lru_cache(maxsize=None)
def plan_schema() -> dict:
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://planparse.example/schemas/plan.schema.json"
    return schema


def validate_plan(data: dict) -> None:
    """Round-trip through the models (the source of truth); raises ValueError on a bad document."""
    Plan.model_validate(data)


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
