"""The shapes of Slack's requests, as far as bolt and our listeners read them.

Bolt reads fields without checking their types (a block action without `action_id` is a
KeyError and a logged traceback), and so do the listeners after the ack. A request whose read
fields have the wrong type cannot come from Slack, so the guard refuses it before bolt. Fields
nobody reads are left alone: Slack adds fields over time.
"""

from __future__ import annotations

from typing import Any

Spec = dict[str, Any]  # field -> a type, a tuple of types, or a nested Spec (an object)

_STR_OR_NONE = (str, type(None))
_OBJECT_OR_NONE = (dict, type(None))

# Read by bolt's context extraction for every request.
ENVELOPE: Spec = {
    "type?": _STR_OR_NONE,
    "team_id?": _STR_OR_NONE,
    "user_id?": _STR_OR_NONE,
    "channel_id?": _STR_OR_NONE,
    "enterprise_id?": _STR_OR_NONE,
    "api_app_id?": _STR_OR_NONE,
    "enterprise?": (str, dict, type(None)),
    "team?": (str, dict, type(None)),
    "user?": (str, dict, type(None)),
    "channel?": (str, dict, type(None)),
    "is_enterprise_install?": (bool, str, type(None)),
    "is_ext_shared_channel?": (bool, type(None)),
    "authorizations?": list,
    "event?": dict,
    "view?": dict,
    "container?": _OBJECT_OR_NONE,
    "actions?": list,
}
SLASH_COMMAND: Spec = {
    "command": str,
    "team_id": str,
    "channel_id": str,
    "user_id": str,
    "text?": str,
    "trigger_id?": str,
}
_MESSAGE: Spec = {"user?": str, "text?": str, "ts?": str, "thread_ts?": str, "edited?": dict}
EVENT_CALLBACK: Spec = {
    "event": {
        "type": str,
        "subtype?": _STR_OR_NONE,
        "channel?": str,
        "user?": str,
        "text?": str,
        "ts?": str,
        "thread_ts?": str,
        "event_ts?": str,
        "deleted_ts?": str,
        "tab?": str,
        "team?": str,
        "bot_id?": _STR_OR_NONE,
        "message?": _MESSAGE,
        "previous_message?": _MESSAGE,
    },
}
_ACTION: Spec = {"action_id": str, "block_id?": str, "value?": str, "action_ts?": str}
_TEAM: Spec = {"id?": str}
BLOCK_ACTIONS: Spec = {
    "user": {"id": str, "team_id?": str},
    "actions": [_ACTION],
    "trigger_id?": str,
    "team?": _TEAM,
    "channel?": {"id?": str},
    "container?": {"channel_id?": str, "message_ts?": str, "view_id?": str},
}
VIEW: Spec = {
    "user": {"id": str},
    "team?": _TEAM,
    "view": {
        "id": str,
        "callback_id": str,
        "private_metadata?": str,
        "state?": {"values?": dict},
    },
}
BY_TYPE = {
    "url_verification": {"challenge": str},
    "event_callback": EVENT_CALLBACK,
    "block_actions": BLOCK_ACTIONS,
    "view_submission": VIEW,
    "view_closed": VIEW,
}


def problem(value: Any, spec: Spec | list | type | tuple, where: str = "body") -> str | None:
    """What in `value` does not fit `spec`, named by its path; None when it fits."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return f"{where} is not an object"
        for name, inner in spec.items():
            field = name.rstrip("?")
            if field not in value:
                if name.endswith("?"):
                    continue
                return f"{where}.{field} is missing"
            if name.endswith("?") and value[field] is None and isinstance(inner, dict):
                continue  # an optional object may be null
            found = problem(value[field], inner, f"{where}.{field}")
            if found:
                return found
        return None
    if isinstance(spec, list):
        if not isinstance(value, list) or not value:
            return f"{where} is not a non-empty list"
        for index, item in enumerate(value):
            found = problem(item, spec[0], f"{where}[{index}]")
            if found:
                return found
        return None
    if isinstance(value, bool) and spec in (int, float):
        return f"{where} has the wrong type"
    return None if isinstance(value, spec) else f"{where} has the wrong type"


def shape_problem(body: dict) -> str | None:
    """Why bolt or a listener could not read this request; None when they can."""
    found = problem(body, ENVELOPE)
    if found:
        return found
    for listed in ("authorizations", "actions"):  # bolt reads their first item as an object
        if not all(isinstance(item, dict) for item in body.get(listed) or []):
            return f"body.{listed} holds something other than objects"
    if "command" in body:
        return problem(body, SLASH_COMMAND)
    spec = BY_TYPE.get(body.get("type"))
    return problem(body, spec) if spec else None
