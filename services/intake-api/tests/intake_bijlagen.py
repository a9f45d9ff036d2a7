"""Small files for attachment tests: recognised by their first bytes."""

import base64

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
TEXT = b"This is example content."


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def upload(content: bytes = PDF, vraag_id: str = "I9", naam: str = "loonstrook.pdf") -> dict[str, str]:
    return {"vraagId": vraag_id, "bestandsnaam": naam, "inhoud": b64(content)}
