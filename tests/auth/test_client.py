"""Which client a login comes from: only a trusted proxy's X-Forwarded-For is believed."""

from __future__ import annotations

import pytest

from oversight.ui.client import resolve

PROXY = ("127.0.0.1",)


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.9", None, (), "203.0.113.9"),  # no proxy: the peer
        ("203.0.113.9", "10.9.9.9", (), "203.0.113.9"),  # a browser's own header is not believed
        ("127.0.0.1", "198.51.100.7", PROXY, "198.51.100.7"),  # behind the proxy: the client it names
        ("127.0.0.1", "10.0.0.1, 198.51.100.7", PROXY, "198.51.100.7"),  # a forged first hop is ignored
        ("127.0.0.1", "198.51.100.7, 127.0.0.1", PROXY, "198.51.100.7"),  # the proxy's own hop skipped
        ("127.0.0.1", "không phải địa chỉ", PROXY, "127.0.0.1"),  # malformed: the proxy itself
        ("127.0.0.1", None, PROXY, "127.0.0.1"),
        (None, None, (), "?"),  # AppTest and other sessions without a peer
    ],
)
def test_client_address(peer, forwarded, trusted, expected):
    assert resolve(peer, forwarded, trusted) == expected
