"""Which `serviceUrl`s the bot may call. An activity names the address the bot answers to, so
an unchecked one lets any caller make the server send requests wherever it likes (SSRF).

With credentials: https on Microsoft's documented Teams service hosts only (the public cloud
and the US government clouds, as listed by the Agents SDK's `TeamsServiceEndpoints`), plus the
hosts an operator adds. In local anonymous mode: only this machine (loopback).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

MICROSOFT_TEAMS_HOSTS = frozenset(
    {
        "smba.trafficmanager.net",  # public cloud, every region (/amer/, /emea/, /teams/ ...)
        "smba.infra.gcc.teams.microsoft.com",  # US Government Community Cloud
        "smba.infra.gov.teams.microsoft.us",  # GCC High
        "smba.infra.dod.teams.microsoft.us",  # US Department of Defense
    }
)


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int | None  # None: the scheme's default port


def _origin(url: object) -> Origin | None:
    """The scheme, host and port of a plain absolute URL; None for anything unusual."""
    if not isinstance(url, str) or len(url) > 2048 or not url.isascii():
        return None
    if any(c.isspace() or ord(c) < 32 or c == "\\" for c in url):
        return None  # parsers disagree on these; refusing is safer than guessing
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None  # `https://smba.trafficmanager.net@elsewhere/` goes elsewhere
    default = 443 if parts.scheme == "https" else 80
    return Origin(parts.scheme, parts.hostname.lower(), None if port == default else port)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_extra_hosts(raw: str) -> tuple[Origin, ...]:
    """`host` allows https on that host; `http://host:port` allows exactly that origin."""
    extra = []
    for entry in (part.strip() for part in raw.split(",")):
        if not entry:
            continue
        origin = _origin(entry if "://" in entry else f"https://{entry}")
        if origin is None:
            raise ValueError(f"TEAMS_EXTRA_SERVICE_HOSTS: {entry!r} is not a host or origin")
        extra.append(origin)
    return tuple(extra)


@dataclass(frozen=True)
class ServiceUrlPolicy:
    anonymous: bool
    extra: tuple[Origin, ...] = ()

    def allows(self, url: object) -> bool:
        origin = _origin(url)
        if origin is None:
            return False
        if self.anonymous:
            return is_loopback(origin.host)
        if origin == Origin("https", origin.host, None) and origin.host in MICROSOFT_TEAMS_HOSTS:
            return True
        return any(
            origin.host == allowed.host
            and origin.scheme == allowed.scheme
            and origin.port == allowed.port
            for allowed in self.extra
        )


class ServiceUrlRefused(PermissionError):
    """The bot was about to call a serviceUrl outside its policy; nothing was sent."""
