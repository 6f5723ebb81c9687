# The deployment's part of the cache tier, included by default.vcl: edit it for each deployment (or generate it).
# Two gunicorn instances on this machine; /readyz fails when the database does not answer, so a stalled database
# makes them sick and the tier serves what it holds.
probe ready {
    .url = "/readyz";
    .timeout = 2s;
    .interval = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend instance1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = ready;
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
}

backend instance2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = ready;
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(instance1);
    app.add_backend(instance2);
}

# Who may PURGE: the instances (they purge after each write).
acl purgers {
    "127.0.0.1";
    "::1";
}

# The one public host (PUBLIC_URL's): whatever Host a client sends, the app and the cache see this one.
sub public_host {
    set req.http.Host = "levels.example.org";
}

# The safety TTL: the longest an answer is kept without a purge (the app's max-age is 60 s). It may also cap
# beresp.grace, the window in which a held answer is served while it is fetched again (the app's
# stale-while-revalidate, 300 s); the tests shorten both.
sub safety_ttl {
    if (beresp.ttl > 60s) {
        set beresp.ttl = 60s;
    }
}
