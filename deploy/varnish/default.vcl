# The HTTP cache tier in front of the app's instances, for Varnish 7 (Debian bookworm: varnish 7.1 and
# varnish-modules for xkey). docs/operations.md explains the tier; tests/serving/test_cache_tier.py runs this file.
#
# - caches public GET/HEAD answers for as long as their Cache-Control says (the app's max-age, 60 s), at most the
#   safety TTL (backends.vcl: 60 s) that bounds staleness when a purge is lost; never a request with credentials,
#   nor an answer that is not public, is private, no-store or no-cache, sets a cookie, or is not a 200;
# - keys on the URL only: Host is replaced by the public host (a forged Host never reaches a kept answer nor the
#   app), and Accept-Encoding and Accept-Language are reduced to what the app's answers vary by, so that the Vary
#   the app sends (Accept, Accept-Language, Accept-Encoding) makes few variants;
# - serves stale while it revalidates (the answer's stale-while-revalidate) and, while every instance is sick (the
#   probe: /readyz, which fails when the database does not answer), whatever it holds for up to 24 h
#   (stale-if-error);
# - answers If-None-Match / If-Modified-Since with 304 itself, from the ETag and Last-Modified the app made;
# - drops exactly what a write touched: `PURGE /` with an `xkey-purge: key key ...` header, from the purgers ACL
#   (the app sends it after each committed write, api/serving/cache_tier.py).
#
# Run varnishd with `-p http_gzip_support=off`: the app compresses (gzip or brotli) and makes the ETags of each
# coding; Varnish's own gzip handling would rewrite Accept-Encoding and weaken those ETags.
vcl 4.1;

import std;
import directors;
import xkey;

# The deployment's part (deploy/varnish/backends.vcl is an example): the backends, `sub vcl_init` adding them to
# the round-robin director `app`, the `purgers` ACL, `sub public_host` setting req.http.Host, and `sub safety_ttl`
# capping beresp.ttl.
include "backends.vcl";

sub vcl_recv {
    call public_host;
    unset req.http.X-Forwarded-Host;
    set req.backend_hint = app.backend();
    # What the app reads to revalidate at once; only the tier's own fetches send it (vcl_backend_fetch).
    unset req.http.Cache-Control;
    unset req.http.Pragma;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header naming the keys"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Purged + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(healthz|readyz|metrics)([/?]|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);  # an authenticated request is answered by the app, never from or into the cache
    }
    unset req.http.Cookie;

    # Accept-Encoding: the app sends brotli, else gzip, else identity.
    if (req.http.Accept-Encoding ~ "(^|[\s,])br\s*(,|$|;\s*q=(1|0\.0*[1-9]))") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(^|[\s,])(x-)?gzip\s*(,|$|;\s*q=(1|0\.0*[1-9]))") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    # Accept-Language: the app answers in fr or en (English when neither is asked for); the first of them listed
    # (and not refused with q=0) is taken.
    if (req.http.Accept-Language) {
        set req.http.Accept-Language = regsub(req.http.Accept-Language,
            "^.*?\b(fr|en)\b(?!(-[A-Za-z0-9]+)*\s*;\s*q=0(\.0*)?\s*(,|$)).*$", "\1");
        if (req.http.Accept-Language !~ "^(fr|en)$") {
            unset req.http.Accept-Language;
        }
    }
    if (req.restarts > 0 && req.http.X-Too-Stale) {
        set req.grace = 0s;  # see vcl_hit: fetch now instead of serving what is held
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);  # one site (Host is the public host); the Vary the app sends separates the variants
    return (lookup);
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    if (!std.healthy(req.backend_hint)) {
        return (deliver);  # stale-if-error: no instance can answer, what is held is better than a 503
    }
    if (obj.ttl + std.duration(obj.http.X-Revalidate-Window + "s", 0s) > 0s) {
        return (deliver);  # stale-while-revalidate: deliver, and fetch in the background
    }
    set req.http.X-Too-Stale = "1";
    return (restart);
}

sub vcl_backend_fetch {
    # The instance answers from the dataset revision as it is now, not as its response cache last looked at it: a
    # purged answer is never put back from an instance that has not seen the write yet.
    if (bereq.method == "GET" || bereq.method == "HEAD") {
        set bereq.http.Cache-Control = "no-cache";
    }
    unset bereq.http.X-Too-Stale;
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);  # keep serving what is held
    }
    if (beresp.status != 200 || beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)" || beresp.http.Vary ~ "(\*|Authorization|Cookie)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # Varnish reads stale-while-revalidate into beresp.grace (default_grace without it): kept for vcl_hit, after
    # safety_ttl (which caps beresp.ttl, how long a lost purge can leave a stale answer served, and may cap that
    # window too); the object itself is kept longer, to be served while the instances are sick.
    call safety_ttl;
    set beresp.http.X-Revalidate-Window = beresp.grace;
    set beresp.grace = 24h;  # STALE_IF_ERROR
    set beresp.keep = 1h;  # an expired answer can still be revalidated with its ETag (the app answers 304)
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.retries < 1 && !bereq.is_bgfetch) {
        return (retry);  # once, on the next instance
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.X-Revalidate-Window;
    unset resp.http.Via;
}

sub vcl_synth {
    set resp.http.Cache-Control = "no-store";
}
