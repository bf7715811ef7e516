"""The fetcher refuses non-public targets before it connects, whatever the spelling."""

from __future__ import annotations

import ipaddress

import pytest

from eventwire.errors import FetchError, UnsafeAddressError
from eventwire.sources.addresses import address_problem, resolve_host
from eventwire.sources.fetch import FetchSettings, fetch_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.8.9.10:8080/x", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://100.64.0.1/", "non-public"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fd00:ec2::254]/", "cloud metadata"),
        ("http://169.254.10.10/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://240.0.0.1/", "reserved"),
        ("http://[::ffff:127.0.0.1]/", "IPv6 form of 127.0.0.1"),
        ("http://[::ffff:7f00:1]/", "IPv6 form of 127.0.0.1"),
        ("http://[::ffff:169.254.169.254]/", "IPv6 form of 169.254.169.254"),
        ("http://[2002:a00:1::]/", "IPv6 form of 10.0.0.1"),
        ("http://[64:ff9b::a9fe:a9fe]/", "IPv6 form of 169.254.169.254"),
        ("http://2130706433/", "ambiguous numeric host"),
        ("http://0177.0.0.1/", "ambiguous numeric host"),
        ("http://0x7f.0.0.1/", "ambiguous numeric host"),
        ("http://0x7f000001/", "ambiguous numeric host"),
        ("http://127.1/", "ambiguous numeric host"),
        ("http://017700000001/", "ambiguous numeric host"),
    ],
)
def test_fetch_refuses_non_public_targets(url: str, expected: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(url, FetchSettings(timeout=2))
    assert expected in caught.value.reason
    assert "\n" not in caught.value.reason


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)"])
def test_fetch_refuses_other_schemes(url: str) -> None:
    with pytest.raises(FetchError, match="scheme"):
        fetch_url(url, FetchSettings())


def test_fetch_refuses_unresolvable_host() -> None:
    with pytest.raises(FetchError, match="cannot resolve host"):
        fetch_url("http://no-such-host.invalid/", FetchSettings(timeout=2))


def test_fetch_ambiguous_spelling_refused_even_when_private_allowed() -> None:
    with pytest.raises(FetchError, match="ambiguous numeric host"):
        fetch_url("http://2130706433/", FetchSettings(allow_private=True))


def test_fetch_public_addresses_pass_the_check() -> None:
    for text in ("93.184.216.34", "2606:4700::6810:85e5", "8.8.8.8"):
        assert address_problem(ipaddress.ip_address(text)) is None


def test_fetch_resolve_host_checks_every_address_unless_allowed() -> None:
    with pytest.raises(UnsafeAddressError, match="loopback"):
        resolve_host("localhost", 80)
    resolved = resolve_host("localhost", 80, allow_private=True)
    assert all(address.is_loopback for address in resolved.addresses)
