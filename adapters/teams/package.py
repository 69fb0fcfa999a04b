"""`python -m bot teams-package`: the zip a Teams admin uploads (manifest.json and two icons).

The icons are drawn here in pure Python (a tiny PNG writer), so the package needs no image
library and is byte-for-byte the same on every machine.
"""

from __future__ import annotations

import json
import math
import struct
import uuid
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlparse

from adapters.teams.settings import TeamsSettings
from core.method import manifest_commands

MANIFEST_VERSION = "1.30"  # the newest published (non-preview) Teams manifest schema
SCHEMA_URL = f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
APP_VERSION = "1.0.0"
ACCENT = (0x2E, 0x6E, 0x5E)  # a calm green; the colour icon's background
COMMAND_SCOPES = ["team", "groupChat", "personal"]

# The command menu comes from the method's table, in English as the manifest is.
COMMANDS = manifest_commands("en")


def manifest(settings: TeamsSettings) -> dict:
    bot_id = settings.teams_client_id
    if not _is_guid(bot_id):
        raise ValueError(
            "The Teams app package needs the bot's Microsoft App ID: set "
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID to its GUID."
        )
    app_id = settings.teams_app_id if _is_guid(settings.teams_app_id) else str(uuid.uuid4())
    privacy, terms = settings.page_url("privacy"), settings.page_url("terms")
    if not (privacy and terms):
        raise ValueError(
            "The Teams app package needs a privacy and a terms page: set PUBLIC_URL (the "
            "server serves /privacy and /terms), or PRIVACY_URL and TERMS_URL."
        )
    website = settings.public_url or privacy
    domain = urlparse(settings.public_url).hostname if settings.public_url else None
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": APP_VERSION,
        "id": app_id,
        "developer": {
            "name": "RASMUS",
            "websiteUrl": website,
            "privacyUrl": privacy,
            "termsOfUseUrl": terms,
        },
        "name": {"short": "RASMUS", "full": "RASMUS: et kompas for god digitalisering"},
        "description": {
            "short": "Talk about how a new technology will change good work, circle by circle.",
            "full": (
                "RASMUS runs the Danish dialogue method 'a compass for good digitalisation' in a "
                "channel: the six circles of good work (Realistisk, Anerkendt, Selvstændigt, "
                "Meningsfyldt, Udviklende, Sundt & sikkert), today's notes, green and red "
                "expectations, prerequisites and agreements, and follow-up after the roll-out. "
                "Notes can be anonymous. Danish and English."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [
            {
                "botId": bot_id,
                "scopes": COMMAND_SCOPES,
                "supportsFiles": True,  # the export arrives as a file in personal chat
                "isNotificationOnly": False,
                "commandLists": [
                    {
                        "scopes": COMMAND_SCOPES,
                        "commands": [{"title": t, "description": d} for t, d in COMMANDS],
                    }
                ],
            }
        ],
        "validDomains": [domain] if domain else [],
        # Resource-specific consent: replies in a circle card's thread become notes without
        # an @mention. Without these, Teams delivers only messages that mention the bot.
        "webApplicationInfo": {"id": bot_id, "resource": "https://RscBasedStoreApp"},
        "authorization": {
            "permissions": {
                "resourceSpecific": [
                    {"name": "ChannelMessage.Read.Group", "type": "Application"},
                    {"name": "ChatMessage.Read.Chat", "type": "Application"},
                ]
            }
        },
    }


def write_package(settings: TeamsSettings, out_path: Path) -> Path:
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json", json.dumps(manifest(settings), indent=2, ensure_ascii=False)
        )
        archive.writestr("color.png", colour_icon())
        archive.writestr("outline.png", outline_icon())
    return out_path


def _is_guid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except (ValueError, AttributeError, TypeError):
        return False


# --- icons: six circles around a centre, the model's picture -------------------------------
def _six_circles(size: int, x: float, y: float) -> bool:
    """True where (x, y) lies on the ring of one of six circles around the centre."""
    centre, orbit, radius, width = size / 2, size * 0.28, size * 0.14, max(1.2, size * 0.035)
    for k in range(6):
        angle = math.pi / 2 + k * math.pi / 3
        cx, cy = centre + orbit * math.cos(angle), centre - orbit * math.sin(angle)
        if abs(math.hypot(x - cx, y - cy) - radius) <= width:
            return True
    return False


def colour_icon(size: int = 192) -> bytes:
    white, background = (255, 255, 255, 255), (*ACCENT, 255)
    return png(
        size, size, lambda x, y: white if _six_circles(size, x + 0.5, y + 0.5) else background
    )


def outline_icon(size: int = 32) -> bytes:
    # Teams wants white on transparent for the outline icon.
    white, clear = (255, 255, 255, 255), (0, 0, 0, 0)
    return png(size, size, lambda x, y: white if _six_circles(size, x + 0.5, y + 0.5) else clear)


def png(width: int, height: int, pixel) -> bytes:
    """An RGBA PNG; `pixel(x, y)` gives each pixel's colour."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
