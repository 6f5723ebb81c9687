"""One delivery attempt: the body signed per the Standard Webhooks specification (with the `standardwebhooks`
package), sent to an address that was checked (no loopback, private, link-local or otherwise non-public address
unless WEBHOOKS_ALLOW_PRIVATE_TARGETS), with no redirect followed, time limits, and at most a few KB of the answer
read."""

import datetime
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from standardwebhooks import Webhook as Signer

RESPONSE_BYTES = 4096  # of the receiver's answer, read for the deliveries list; the rest is never read
USER_AGENT = "threat-levels-api-webhooks/1"


class TargetRefused(ValueError):
    """A target URL we will not send to: its reason says why."""


@dataclass(frozen=True)
class Outcome:
    """What an attempt came to: success (2xx) or not, the status when there was one, and what went wrong."""

    ok: bool
    status: int | None
    error: str | None


def allowed_address(address: str, allow_private: bool) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return allow_private or (ip.is_global and not ip.is_multicast)


def check_url(url: str) -> tuple[str, int, str]:
    """(host, port, scheme) of an http(s) URL without credentials; TargetRefused otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(f"Not a valid URL: {exc}.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused("The target must be an http:// or https:// URL with a host name.")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("The target URL may not carry credentials: the signature authenticates us.")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80), parts.scheme


def resolve(url: str, allow_private: bool) -> str:
    """The address to connect to for `url`: the first its host resolves to, when every one is public (or private
    targets are allowed); TargetRefused otherwise. Connecting to this very address (not the name again) keeps a
    second DNS answer from pointing the request elsewhere."""
    host, port, _ = check_url(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetRefused(f"The host {host!r} does not resolve: {exc}.") from None
    addresses = [info[4][0] for info in infos]
    refused = [address for address in addresses if not allowed_address(address, allow_private)]
    if refused or not addresses:
        raise TargetRefused(f"The host {host!r} resolves to a loopback, private, link-local or reserved address "
                            f"({', '.join(refused)}): webhooks go to public addresses only.")  # fmt: skip
    return addresses[0]


def signed_headers(secret: str, message_id: str, body: str, now: datetime.datetime) -> dict[str, str]:
    """The three Standard Webhooks headers, signed with the subscription's `whsec_` secret."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Signer(secret).sign(message_id, now, body),
    }


def send(url: str, body: str, headers: dict[str, str], *, allow_private: bool, timeout: float) -> Outcome:
    """POST the body once: no redirect followed, `timeout` seconds to connect and as long between reads, at most
    RESPONSE_BYTES of the answer read."""
    try:
        address = resolve(url, allow_private)
    except TargetRefused as exc:
        return Outcome(False, None, str(exc))
    host, port, scheme = check_url(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pool_class = urllib3.HTTPSConnectionPool if scheme == "https" else urllib3.HTTPConnectionPool
    tls = {"server_hostname": host, "assert_hostname": host, "cert_reqs": "CERT_REQUIRED"} if scheme == "https" else {}
    pool = pool_class(address, port, timeout=urllib3.Timeout(connect=timeout, read=timeout), retries=False,
                      maxsize=1, block=True, **tls)  # fmt: skip
    default_port = 443 if scheme == "https" else 80
    request_headers = {**headers, "Host": host if port == default_port else f"{host}:{port}",
                       "Content-Type": "application/json", "User-Agent": USER_AGENT}  # fmt: skip
    try:
        response = pool.urlopen("POST", path, body=body.encode(), headers=request_headers, redirect=False,
                                retries=False, preload_content=False, assert_same_host=False)  # fmt: skip
        try:
            answer = response.read(RESPONSE_BYTES, decode_content=False)
        finally:
            response.release_conn()
    except urllib3.exceptions.HTTPError as exc:
        return Outcome(False, None, f"{type(exc).__name__}: {exc}"[:500])
    finally:
        pool.close()
    if 200 <= response.status < 300:
        return Outcome(True, response.status, None)
    said = answer.decode("utf-8", "replace").strip()[:200]
    if 300 <= response.status < 400:
        return Outcome(False, response.status, f"HTTP {response.status}: redirects are not followed "
                       f"(Location: {response.headers.get('Location', '')[:200]})")  # fmt: skip
    return Outcome(False, response.status, f"HTTP {response.status}" + (f": {said}" if said else ""))
