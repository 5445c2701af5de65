vcl 4.1;
# The caching proxy in front of `next start` (see docs/deploy.md, "Serving at scale").
# A template: scripts/caching-proxy.mjs fills in the {{…}} values at start: the site's instances,
# addresses and the draft-mode secret from the environment, the cookies' names from
# lib/site/draft-mode-cookie.mjs. docs/deploy.md runs it in front of a fleet.
#
# What it caches: reader pages that name their documents (Surrogate-Key, from the same tag
# function as the site's own cache tags) and /_next/static. A change purges by those keys, on a
# listener of its own. Everything else passes through to the site, uncached.

import cookie;
import digest;
import directors;
import std;
import var;
import xkey;

# An instance gets requests while its readiness (/api/ready) says 200: it is out after two of the
# last three probes failed, in after one good one. It says 503 from its SIGTERM on, and keeps
# serving until the probe has seen that (DRAIN_DELAY_SECONDS, 5 s), so a restart loses nothing. A
# killed instance whose address refuses connections is out within 3 s; one whose address is gone
# (a container) as soon as its name stops resolving to it (scripts/caching-proxy.mjs). A busy
# instance that answers within 5 s is still ready.
probe readiness {
    .url = "/api/ready";
    .interval = 1s;
    .timeout = 5s;
    .window = 3;
    .threshold = 2;
    .initial = 1;
}

# Each instance of the site twice, for every address the UPSTREAM_URL host names resolve to,
# named after it: ready_<address>_<port> with the probe above, and any_<address>_<port> without,
# for when no instance is ready.
{{BACKENDS}}

sub vcl_init {
    new ready_instances = directors.round_robin();
    new any_instances = directors.round_robin();
{{DIRECTOR_MEMBERS}}
}

# Purges come from the site, on the purge listener ({{PURGE_LISTENER}}, PROXY_PURGE_PORT), which
# listens on loopback unless PROXY_PURGE_BIND says otherwise (a fleet's own network), and only from
# the site's instances: loopback, or the addresses of the backends above. Readers reach the public
# listener, whatever is in front of it, and it never purges.
acl purgers {
    "127.0.0.1";
    "::1";
{{PURGERS}}
}

sub vcl_recv {
    if (local.socket == "{{PURGE_LISTENER}}") {
        if (req.method != "PURGE") {
            return (synth(405, "This listener takes purges only"));
        }
        if (client.ip !~ purgers) {
            return (synth(403, "Purges are accepted from the site's instances only"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys to purge in an xkey-purge header"));
        }
        # Fetches that started before this moment may carry the old content: see vcl_backend_response.
        # Rounded up: the value is kept as text, to the millisecond.
        var.global_set("purged-at", "" + (std.real(time = now) + 0.001));
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    # The public listener never purges, whatever a request's headers or the terminator in front say.
    if (req.method == "PURGE") {
        return (synth(405, "Purges are not accepted here"));
    }

    set req.backend_hint = ready_instances.backend();

    # One cache key per page, whatever the client claims: Host is ours, and the headers that
    # could make the site answer differently without being in the key are dropped.
    set req.http.Host = "{{SITE_HOST}}";
    unset req.http.X-Forwarded-Host;
    unset req.http.X-Forwarded-Server;
    unset req.http.X-Forwarded-Port;
    unset req.http.X-Host;
    unset req.http.Forwarded;
    unset req.http.X-Original-URL;
    unset req.http.X-Rewrite-URL;
    unset req.http.X-HTTP-Method-Override;
    unset req.http.X-Middleware-Subrequest;
    unset req.http.X-Middleware-Prefetch;
    unset req.http.X-Invoke-Path;
    unset req.http.X-Invoke-Query;
    unset req.http.X-Invoke-Status;
    unset req.http.X-Matched-Path;
    unset req.http.X-Now-Route-Matches;
    unset req.http.X-Prerender-Revalidate;
    # The scheme changes one header (HSTS), so it is part of the key, in one of two spellings.
    if (req.http.X-Forwarded-Proto != "https") {
        unset req.http.X-Forwarded-Proto;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The API, the Studio, and "/" (it picks a language from Accept-Language) are never cached.
    if (req.url ~ "^/(api|studio)([/?#]|$)" || req.url ~ "^/([?#]|$)") {
        return (pass);
    }
    # Draft mode shows unpublished content to one editor: a session the site signed, not any
    # request that sends Next's cookie (that one is served from the cache below, as a reader's).
    if (req.http.Cookie ~ "(^|;\s*){{DRAFT_MODE_COOKIE}}=") {
        call draft_session;
        if (req.http.x-draft-session == "valid") {
            unset req.http.x-draft-session;
            return (pass);
        }
        unset req.http.x-draft-session;
    }
    # Client navigations fetch RSC payloads that vary by router headers: not cached here.
    if (req.http.RSC || req.http.Next-Router-Prefetch || req.http.Next-Router-State-Tree ||
        req.http.Next-Router-Segment-Prefetch || req.http.Next-Url || req.http.Next-Action ||
        req.url ~ "[?&]_rsc=") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # No reader page depends on a cookie: the site never sees one through the cache.
    unset req.http.Cookie;
    # Query strings are keyed in full (the checklist's answers), in one order.
    set req.url = std.querysort(req.url);
    return (hash);
}

# Sets x-draft-session to "valid" when the companion cookie (lib/site/draft-mode-cookie.mjs) is
# `<unix seconds>.<hex HMAC-SHA256 of "draft-session.<unix seconds>">`, unexpired, signed with the
# site's secret. Both MACs are hashed again before they are compared, so the comparison's time
# tells an attacker nothing about how much of a forged one was right.
sub draft_session {
    cookie.parse(req.http.Cookie);
    set req.http.x-draft-session = cookie.get("{{DRAFT_SESSION_COOKIE}}");
    if (req.http.x-draft-session ~ "^[0-9]{1,12}\.[0-9a-f]{64}$" &&
        std.integer(regsub(req.http.x-draft-session, "\..*$", ""), 0) > std.integer(time = now) &&
        digest.hmac_sha256("{{DRAFT_MODE_SECRET}}", "0x" + regsub(req.http.x-draft-session, "^[0-9]+\.", "")) ==
        digest.hmac_sha256("{{DRAFT_MODE_SECRET}}",
            digest.hmac_sha256("{{DRAFT_MODE_SECRET}}", "draft-session." + regsub(req.http.x-draft-session, "\..*$", "")))) {
        set req.http.x-draft-session = "valid";
    } else {
        set req.http.x-draft-session = "";
    }
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    return (lookup);
}

sub vcl_backend_fetch {
    # When no instance says it is ready (all of them busy or starting, or a store they share is
    # down), asking one anyway beats a 503: each serves from its caches and last good answers.
    if (!std.healthy(bereq.backend)) {
        set bereq.backend = any_instances.backend();
    }
    var.set_real("fetch-started", std.real(time = now));
}

sub vcl_backend_response {
    # Never a half page: a reader gets the whole page or a clear error, not the start of one.
    if (beresp.http.Content-Type ~ "^text/html") {
        set beresp.do_stream = false;
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (bereq.url ~ "^/_next/static/" && beresp.status == 200) {
        # Content-hashed file names: a new build has new names.
        set beresp.ttl = 365d;
        return (deliver);
    }
    if (beresp.http.Set-Cookie) {
        # Hit-for-miss: this address goes straight to the site for a while, cookies and all.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    if (beresp.status != 200 || !beresp.http.Surrogate-Key ||
        beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        # A page that does not name its documents could never be purged: pass it through.
        set beresp.uncacheable = true;
        set beresp.ttl = 5s;
        return (deliver);
    }
    if (std.real(var.global_get("purged-at"), 0) >= var.get_real("fetch-started")) {
        # Asked for before a purge, so it may show what the purge removed. Ask again: the readers
        # waiting for this page get the fresh one, and the site one request, not one per reader.
        if (bereq.retries < 2) {
            return (retry);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        # A fact on this page starts or stops being in force in this many seconds: keep the page
        # until then and not a moment longer (no grace), so the first request after it gets the
        # new page, with nobody publishing anything.
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1") + "s", 0s);
        set beresp.grace = 0s;
        unset beresp.http.Surrogate-Control;
        return (deliver);
    }
    # Purges keep it fresh; the site's own s-maxage bounds a lost purge. If the site is down
    # when that runs out, the last copy is served for up to a day.
    set beresp.grace = 1d;
    return (deliver);
}

sub vcl_backend_error {
    # The instance is gone (restarting, or killed before the probe saw it): ask the next one. Only
    # GET and HEAD: a form post is never sent twice.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "10";
    synthetic({"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
<body><h1>The guide is temporarily unavailable</h1><p>Please try again in a minute.</p></body></html>
"});
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
