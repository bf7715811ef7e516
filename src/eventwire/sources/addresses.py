"""Which hosts the fetcher may connect to.

A news fetcher that follows links from feeds and redirects is an easy way to reach a cloud metadata
endpoint or an admin page on the local network (SSRF). Every hop is therefore resolved here, each
resolved address is checked, and the caller connects to exactly the address that was checked, so a
DNS answer cannot change between the check and the connection.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass

from eventwire.errors import UnsafeAddressError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = ("http", "https")

# Cloud metadata services. Most already fall in link-local or private ranges; they are listed by name
# so the refusal says what was hit, and so a change in Python's range tables cannot let them through.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack
        "fd00:ec2::254",  # AWS IPv6
        "169.254.170.2",  # AWS ECS task metadata
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
    )
)

# NAT64 well-known prefix: the last 32 bits are an IPv4 address reached through the translator.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")

# Hosts made only of digits, dots and 0x prefixes. inet_aton-style parsers (glibc, browsers, curl)
# read "2130706433", "0177.0.0.1", "0x7f.1" and "127.1" all as 127.0.0.1, while other parsers read
# them differently or not at all. No public site is addressed this way, so such spellings are
# refused outright instead of guessing which interpretation the connection would use.
NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ResolvedHost:
    """A checked host: its name as written in the URL and the addresses it may be reached at."""

    host: str
    port: int
    addresses: tuple[IPAddress, ...]


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address tunnels to (mapped, 6to4, Teredo, NAT64), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


# A local or private address is refused by default but may be meant (a test server, an intranet).
PRIVATE_HINT = " (pass --allow-private, or set EVENTWIRE_ALLOW_PRIVATE=true, to fetch it)"


def address_problem(address: IPAddress) -> str | None:
    """Why connecting to ``address`` is refused, or None when it is a public unicast address."""
    if address in METADATA_ADDRESSES:
        return "cloud metadata address"
    inner = embedded_ipv4(address)
    if inner is not None:
        problem = address_problem(inner)
        return f"IPv6 form of {inner}: {problem}" if problem else None
    checks = (
        (address.is_loopback, "loopback address"),
        (address.is_link_local, "link-local address"),
        (address.is_multicast, "multicast address"),
        (address.is_unspecified, "unspecified address"),
        (address.is_reserved, "reserved address"),
        (address.is_private, "private address"),
        (not address.is_global, "non-public address"),
    )
    for failed, reason in checks:
        if failed:
            return reason
    return None


def parse_ip(host: str) -> IPAddress | None:
    """The address when ``host`` is a canonical IP literal (brackets and IPv6 zone ids allowed)."""
    literal = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(literal)
    except ValueError:
        return None


def refuse_ambiguous_host(host: str) -> None:
    """Raise UnsafeAddressError for numeric hosts that are not canonical IP literals."""
    if parse_ip(host) is None and NUMERIC_HOST.match(host):
        raise UnsafeAddressError(f"refused ambiguous numeric host spelling {host!r}")


def resolve_host(host: str, port: int, allow_private: bool = False) -> ResolvedHost:
    """Resolve ``host`` and check every address it resolves to.

    Raises:
        UnsafeAddressError: the host is spelled ambiguously, does not resolve, or any of its
            addresses is non-public while ``allow_private`` is False.
    """
    if not host:
        raise UnsafeAddressError("URL has no host")
    refuse_ambiguous_host(host)
    literal = parse_ip(host)
    if literal is not None:
        addresses: tuple[IPAddress, ...] = (literal,)
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise UnsafeAddressError(f"cannot resolve host {host!r}: {exc}") from exc
        found: list[IPAddress] = []
        for info in infos:
            address = parse_ip(str(info[4][0]))
            if address is not None and address not in found:
                found.append(address)
        if not found:
            raise UnsafeAddressError(f"host {host!r} resolved to no usable address")
        addresses = tuple(found)
    if not allow_private:
        for address in addresses:
            problem = address_problem(address)
            if problem:
                shown = host if literal is not None else f"{host} ({address})"
                hint = "" if address in METADATA_ADDRESSES else PRIVATE_HINT
                raise UnsafeAddressError(f"refused {problem}: {shown}{hint}")
    return ResolvedHost(host=host, port=port, addresses=addresses)
