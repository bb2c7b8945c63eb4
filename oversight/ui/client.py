"""Which client a browser session comes from, for login throttling and the audit log.

Streamlit gives the address of the peer that opened the websocket. Behind the reverse proxy of a production
set-up that peer is the proxy itself, so every user would share one address (and one attacker's failures
would block everybody's logins). The setting OVERSIGHT_TRUSTED_PROXIES names the proxies whose
X-Forwarded-For header is believed: the client is then the right-most address in that header that is not a
trusted proxy. Anything else a browser sends in that header is ignored, since anybody can write it.
"""

from __future__ import annotations

import ipaddress

import streamlit as st

from oversight.config import load_settings

UNKNOWN = "?"


def _valid(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def address() -> str:
    """The client's address as far as it can be trusted ('?' when Streamlit does not know it)."""
    forwarded = st.context.headers.get("X-Forwarded-For") if st.context.headers else None
    return resolve(st.context.ip_address, forwarded, load_settings().trusted_proxies)


def resolve(peer: str | None, forwarded: str | None, trusted: tuple[str, ...]) -> str:
    """The client behind `peer`: the peer itself unless it is a trusted proxy, else the right-most address of
    X-Forwarded-For that is not a trusted proxy (a malformed header: the proxy itself)."""
    peer_address = _valid(peer or "") or UNKNOWN
    if peer_address not in trusted:
        return peer_address
    for hop in reversed([h for h in (forwarded or "").split(",") if h.strip()]):
        hop_address = _valid(hop)
        if hop_address is None:
            return peer_address
        if hop_address not in trusted:
            return hop_address
    return peer_address
