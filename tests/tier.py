"""Run the shipped cache tier locally: varnishd with deploy/varnish/default.vcl (its deployment part, backends.vcl,
written here for the instances given), and nginx with deploy/nginx/proxy.conf in front of it. Used by
tests/serving/test_cache_tier.py and bench/varnish.py; both need Debian's varnish, varnish-modules and nginx
(`make tier-packages` installs them as root)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PUBLIC_HOST = "levels.example.org"
BACKENDS = """\
probe ready {{
    .url = "/readyz";
    .timeout = 2s;
    .interval = 0.5s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}}
{backends}
sub vcl_init {{
    new app = directors.round_robin();
{adds}
}}

acl purgers {{
    "127.0.0.1";
}}

sub public_host {{
    set req.http.Host = "{host}";
}}

sub safety_ttl {{
    if (beresp.ttl > {ttl}s) {{
        set beresp.ttl = {ttl}s;
    }}
    if (beresp.grace > {revalidate}s) {{
        set beresp.grace = {revalidate}s;
    }}
}}
"""
BACKEND = """
backend instance{n} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = ready;
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
}}
"""
NGINX = """\
daemon off;
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{
    worker_connections 512;
}}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream threat_levels_cache {{
        server 127.0.0.1:{upstream};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name {host};
        include {proxy_conf};
    }}
}}
"""


def varnish_problem() -> str | None:
    """Why the shipped VCL cannot run here (no varnishd, or no xkey vmod), or None."""
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if varnishd is None:
        return "no `varnishd` (Debian: apt-get install varnish varnish-modules; `make test` does it as root)"
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch, "probe.vcl")
        probe.write_text("vcl 4.1;\nimport xkey;\nbackend default none;\n")
        jail = ["-j", "none"] if os.geteuid() == 0 else []
        compiled = subprocess.run([varnishd, "-C", *jail, "-n", scratch, "-f", str(probe)], capture_output=True,
                                  text=True)  # fmt: skip
    if compiled.returncode != 0:
        return "varnishd cannot import the xkey vmod (Debian: apt-get install varnish-modules)"
    return None


def nginx_problem() -> str | None:
    if shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin"):
        return None
    return "no `nginx` (Debian: apt-get install nginx-light; `make test` does it as root)"


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wait_until_it_answers(server: Server, path: str, what: str) -> Server:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{what} exited:\n{server.log.read_text()}")
        try:
            with urllib.request.urlopen(server.url + path, timeout=2) as answer:
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"{what} did not answer {path}:\n{server.log.read_text()}")


def start_varnish(
    tmp: Path,
    instance_ports: list[int],
    safety_ttl: int = 60,
    memory: str = "128m",
    port: int | None = None,
    revalidate: int = 300,
) -> Server:
    """varnishd in the foreground with the shipped default.vcl in front of these instances, once it serves; it keeps
    answers at most `safety_ttl` seconds and serves them stale while revalidating at most `revalidate` more."""
    tmp.mkdir(parents=True, exist_ok=True)
    backends = "".join(BACKEND.format(n=n, port=port) for n, port in enumerate(instance_ports, 1))
    adds = "\n".join(f"    app.add_backend(instance{n});" for n in range(1, len(instance_ports) + 1))
    (tmp / "backends.vcl").write_text(
        BACKENDS.format(backends=backends, adds=adds, host=PUBLIC_HOST, ttl=safety_ttl, revalidate=revalidate)
    )
    port = port or free_port()
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    log = tmp / "varnishd.log"
    command = [varnishd, "-F", "-n", str(tmp / "varnish"), "-a", f"127.0.0.1:{port}", "-T", "none",
               "-f", str(DEPLOY / "varnish" / "default.vcl"), "-p", f"vcl_path={tmp}", "-p", "http_gzip_support=off",
               "-s", f"malloc,{memory}"]  # fmt: skip
    if os.geteuid() == 0:
        command += ["-j", "none"]  # no jail: the scratch folders belong to this user
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    return wait_until_it_answers(Server(process, port, log), "/healthz", "varnishd")


def start_nginx(tmp: Path, upstream: int) -> Server:
    """nginx in the foreground with the shipped proxy settings (deploy/nginx/proxy.conf) in front of `upstream`."""
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    user = "user root;" if os.geteuid() == 0 else ""  # its workers must reach the scratch folders
    conf = NGINX.format(user=user, tmp=tmp, upstream=upstream, port=port, host=PUBLIC_HOST,
                        proxy_conf=DEPLOY / "nginx" / "proxy.conf")  # fmt: skip
    (tmp / "nginx.conf").write_text(conf)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    log = tmp / "nginx.log"
    with log.open("w") as output:
        process = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stdout=output,
                                   stderr=subprocess.STDOUT)  # fmt: skip
    return wait_until_it_answers(Server(process, port, log), "/healthz", "nginx")
