"""Write or check the committed JSON Schema of an application: openapi/aanvraag.schema.json.

python -m intake_api.schema_export write   # regenerate after a change to aanvragen/schemas.py
python -m intake_api.schema_export check   # exit 1 when the committed file differs from the code
"""

from __future__ import annotations

import sys
from pathlib import Path

from intake_api.json_schema.service import aanvraag_schema, dump

TARGET = Path(__file__).resolve().parents[4] / "openapi" / "aanvraag.schema.json"


def main(mode: str) -> int:
    text = dump(aanvraag_schema())
    if mode == "write":
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET}")
        return 0
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
        print(f"DRIFT: {TARGET} differs from the code; run `python -m intake_api.schema_export write`", file=sys.stderr)
        return 1
    print("aanvraag.schema.json matches the code")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "check"))
