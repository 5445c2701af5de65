# The site's image, and the caching proxy's (docs/deploy.md). Built once; every instance of a fleet
# runs the same image. Docker and Podman build it as it is; compose.yaml names the two targets:
#   site           (the default, last) Next's standalone server on Node 24, as a user without privileges
#   caching-proxy  Varnish with xkey, configured by scripts/caching-proxy.mjs
ARG NODE_IMAGE=docker.io/library/node:24-bookworm-slim
ARG BASE_IMAGE=docker.io/library/debian:bookworm-slim

# --- deps: the packages, and the project's own Node 24 (the binary of the `node` package) ----------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 SANITY_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: `npm run build`, and the standalone server it writes, completed ----------------------
FROM deps AS build
COPY . .
# Read at build time: the public address (canonical URLs, sitemap), the content source the pages
# are prerendered from, the safety-net revalidation period, and the deployment id (default: a new
# one per build, which every instance of this image then shares). Secrets are never build
# arguments: each instance reads them at start.
ARG SITE_URL=http://localhost:8080
ARG SANITY_PROJECT_ID=
ARG SANITY_DATASET=production
ARG SANITY_API_VERSION=
ARG CONTENT_REVALIDATE_SECONDS=
ARG NEXT_DEPLOYMENT_ID=
RUN SITE_URL="$SITE_URL" SANITY_PROJECT_ID="$SANITY_PROJECT_ID" SANITY_DATASET="$SANITY_DATASET" \
    SANITY_API_VERSION="$SANITY_API_VERSION" CONTENT_REVALIDATE_SECONDS="$CONTENT_REVALIDATE_SECONDS" \
    NEXT_DEPLOYMENT_ID="$NEXT_DEPLOYMENT_ID" npm run build \
 && node scripts/standalone.mjs /server

# --- caching-proxy: Debian's varnish and varnish-modules, and the script that writes its VCL -----
FROM ${BASE_IMAGE} AS caching-proxy
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends varnish varnish-modules varnish-vmod-digest \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/kz-sim-guide-proxy && chown varnish:varnish /var/lib/kz-sim-guide-proxy
COPY --from=deps /app/node_modules/node/bin/node /usr/local/bin/node
WORKDIR /proxy
COPY scripts/caching-proxy.mjs scripts/
COPY deploy/varnish deploy/varnish
COPY lib/env.mjs lib/
COPY lib/site/draft-mode-cookie.mjs lib/site/
USER varnish
ENV PROXY_PORT=8080 PROXY_WORK_DIR=/var/lib/kz-sim-guide-proxy
EXPOSE 8080
CMD ["node", "scripts/caching-proxy.mjs"]

# --- site: the standalone server and only what it reads, owned by root, run by another user ------
FROM ${BASE_IMAGE} AS site
COPY --from=deps /app/node_modules/node/bin/node /usr/local/bin/node
RUN useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin site
WORKDIR /app
COPY --from=build /server ./
# Next's own cache directory is the one place the server writes (the shared store is Redis).
RUN mkdir -p .next/cache && chown site:site .next/cache
USER site
# NEXT_MANUAL_SIG_HANDLE: SIGTERM drains (lib/instance/drain.ts) instead of Next's immediate stop.
# HOSTNAME is left to the container engine: the container's own name, so the server listens on
# the container's network address only.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NEXT_MANUAL_SIG_HANDLE=true PORT=3000
EXPOSE 3000
STOPSIGNAL SIGTERM
# Exec form: the server is the process the engine signals, not a shell or npm.
CMD ["node", "server.js"]
