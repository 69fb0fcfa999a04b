"""What every chat platform shares: the `Platform` seam, channel status, calling the core off
the event loop, circle-message and thread memory, label lookup, edit/delete -> command.

Imports only core (and, for type hints, aiohttp); never a platform SDK, never `bot`.
"""
