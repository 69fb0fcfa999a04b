"""Microsoft's published JSON schemas, for tests that check what we send against them."""

import json
from pathlib import Path

HERE = Path(__file__).parent
# Adaptive Card 1.5 (github.com/microsoft/AdaptiveCards, schemas/1.5.0, MIT).
CARD_SCHEMA = json.loads((HERE / "adaptive-card-1.5.json").read_text(encoding="utf-8"))
TEAMS_MANIFEST_SCHEMA = HERE / "MicrosoftTeams.schema.json"
