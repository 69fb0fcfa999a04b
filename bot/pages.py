"""The short privacy and terms pages the server itself serves at /privacy and /terms, so the
Teams app package can point at addresses that answer (PRIVACY_URL / TERMS_URL override them)."""

from __future__ import annotations

from html import escape

from aiohttp import web

PRIVACY = {
    "da": (
        "Privatliv",
        [
            "RASMUS gemmer det, I skriver i en workshop: noter, forudsætninger og aftaler, og "
            "navnet på den, der skrev dem. En anonym note gemmes uden navn og uden spor af, "
            "hvem der skrev den.",
            "Data ligger i den database, den organisation, der driver RASMUS, har valgt. Den "
            "organisation er dataansvarlig.",
            "En facilitator kan slette workshoppen med alt indhold: /rasmus slet bekræft.",
        ],
    ),
    "en": (
        "Privacy",
        [
            "RASMUS stores what you write in a workshop: notes, prerequisites and agreements, "
            "and the name of whoever wrote them. An anonymous note is stored without a name and "
            "without any trace of who wrote it.",
            "The data lives in the database chosen by the organisation that runs RASMUS; that "
            "organisation is the data controller.",
            "A facilitator can delete the workshop with everything in it: /rasmus delete confirm.",
        ],
    ),
}
TERMS = {
    "da": (
        "Vilkår",
        [
            "RASMUS hjælper et team med at tale om, hvordan en ny teknologi påvirker det gode "
            "arbejde. Brug den til dialog, ikke til at vurdere enkelte personer.",
            "Den organisation, der driver RASMUS, svarer for driften og for, hvem der har adgang.",
        ],
    ),
    "en": (
        "Terms of use",
        [
            "RASMUS helps a team talk about how a new technology affects good work. Use it for "
            "dialogue, not to assess individual people.",
            "The organisation that runs RASMUS is responsible for running it and for who has "
            "access.",
        ],
    ),
}


def page_html(texts: dict[str, tuple[str, list[str]]]) -> str:
    sections = []
    for lang, (title, paragraphs) in texts.items():
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        sections.append(f'<section lang="{lang}"><h1>{escape(title)}</h1>{body}</section>')
    title = " / ".join(title for title, _ in texts.values())
    return (
        f'<!doctype html><html lang="da"><head><meta charset="utf-8"><title>RASMUS · '
        f"{escape(title)}</title></head><body>{''.join(sections)}</body></html>"
    )


def add_pages(app: web.Application) -> None:
    for path, texts in (("/privacy", PRIVACY), ("/terms", TERMS)):
        html = page_html(texts)

        async def handler(request: web.Request, html: str = html) -> web.Response:
            return web.Response(text=html, content_type="text/html")

        app.router.add_get(path, handler)
