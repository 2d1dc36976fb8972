"""A validator for the subset of JSON Schema that docs/schema/ uses (type, const, required,
properties, additionalProperties as false or a schema, items), standard library only."""

import json
import os

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "number": (int, float),
    "null": type(None),
}


def load(name, root):
    with open(os.path.join(root, f"{name}.schema.json"), encoding="utf-8") as f:
        return json.load(f)


def errors(value, schema, where="$"):
    out = []
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        ok = any(isinstance(value, TYPES[k]) and not (k == "number" and isinstance(value, bool)) for k in kinds)
        if not ok:
            return [f"{where}: {type(value).__name__} is not {kind}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: {value!r} != const {schema['const']!r}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}: missing required {key}")
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                out += errors(item, props[key], f"{where}.{key}")
            elif extra is False:
                out.append(f"{where}: property {key} not in the schema")
            elif isinstance(extra, dict):
                out += errors(item, extra, f"{where}.{key}")
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            out += errors(item, schema["items"], f"{where}[{i}]")
    return out
