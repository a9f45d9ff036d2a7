"""What a file is, by its first bytes (magic numbers), and its checksum."""

from __future__ import annotations

import base64
import binascii
import hashlib

from bbz_common.problems import InvalidInput, InvalidParam, ProblemError
from intake_api.bijlagen.schemas import Mediatype

_MAGIC: tuple[tuple[bytes, Mediatype], ...] = (
    (b"%PDF-", Mediatype.PDF),
    (b"\xff\xd8\xff", Mediatype.JPEG),
    (b"\x89PNG\r\n\x1a\n", Mediatype.PNG),
)


class TooLarge(ProblemError):
    status, title, code = 413, "Content Too Large", "bijlage_te_groot"


def sniff(content: bytes) -> Mediatype | None:
    return next((kind for magic, kind in _MAGIC if content.startswith(magic)), None)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def decode(inhoud: str, *, max_bytes: int, veld: str = "inhoud") -> tuple[bytes, Mediatype]:
    """Decode base64 and check size and type; every refusal names ``veld``."""
    # Refuse an oversized upload before decoding it: base64 is 4 characters per 3 bytes.
    if len(inhoud) > (max_bytes + 2) // 3 * 4 + 4:
        raise TooLarge(f"The file is larger than {max_bytes} bytes.", invalid_params=[_param(veld, "too_large")])
    try:
        content = base64.b64decode(inhoud, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput(
            "The file is not valid base64.", invalid_params=[_param(veld, "base64_invalid", "not valid base64")]
        ) from exc
    if not content:
        raise InvalidInput("The file is empty.", invalid_params=[_param(veld, "empty", "the file is empty")])
    if len(content) > max_bytes:
        raise TooLarge(f"The file is larger than {max_bytes} bytes.", invalid_params=[_param(veld, "too_large")])
    kind = sniff(content)
    if kind is None:
        raise InvalidInput(
            "Only PDF, JPEG and PNG files are accepted (recognised by their content, not their name).",
            invalid_params=[_param(veld, "mediatype_not_allowed", "not a PDF, JPEG or PNG file")],
        )
    return content, kind


def _param(veld: str, code: str, reason: str = "the file is too large") -> InvalidParam:
    return InvalidParam(name=veld, code=code, reason=reason)
