#!/bin/sh
# Stand-ins for the base images the Dockerfile and compose.yaml name, for a machine where no image
# registry answers (docs/deploy.md, "Without a registry"). Where one answers, none of this is used:
# the same Dockerfile and compose.yaml pull the real images. Made from what such a machine does
# reach: Debian's package mirror (debootstrap, apt) and the npm registry (Node, as the `node`
# package the project installs). Skips an image that already exists; FORCE=1 makes it again.
#   docker.io/library/debian:bookworm-slim   debootstrap --variant=minbase, trimmed like -slim
#   docker.io/library/node:24-bookworm-slim  the above + Node 24 (node_modules/node) + npm, user node,
#                                            trusting the certificates this machine trusts
#   docker.io/library/redis:7.0-bookworm     the above + Debian's redis-server, user redis
set -eu
cd "$(dirname "$0")/../.."
ENGINE=${FLEET_ENGINE:-podman}
# The mirror apt already uses on this machine.
MIRROR=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
DEBIAN=docker.io/library/debian:bookworm-slim
NODE=docker.io/library/node:24-bookworm-slim
REDIS=docker.io/library/redis:7.0-bookworm

missing() { [ "${FORCE:-0}" = 1 ] || ! "$ENGINE" image exists "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Builds here run in a chroot: the OCI runtime cannot set up every namespace on some machines.
export BUILDAH_ISOLATION=${BUILDAH_ISOLATION:-chroot}

if missing "$DEBIAN"; then
  debootstrap --variant=minbase bookworm "$work/root" "$MIRROR"
  # What the real -slim image leaves out: documentation, manuals, translations, package lists.
  rm -rf "$work"/root/usr/share/doc/* "$work"/root/usr/share/man/* "$work"/root/usr/share/info/* \
    "$work"/root/usr/share/locale/* "$work"/root/var/lib/apt/lists/* "$work"/root/var/cache/apt/*.bin
  tar -C "$work/root" -c . | "$ENGINE" import --change 'CMD ["bash"]' - "$DEBIAN"
fi

if missing "$NODE"; then
  node_bin=node_modules/node/bin/node
  [ -x "$node_bin" ] || { echo "$node_bin is missing: run npm ci first" >&2; exit 1; }
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  mkdir -p "$work/node"
  cp "$node_bin" "$work/node/node"
  cp -r "$npm_dir" "$work/node/npm"
  # The certificates this machine trusts: its way to the npm registry may present its own.
  cp /etc/ssl/certs/ca-certificates.crt "$work/node/machine-ca.crt"
  cat >"$work/node/Containerfile" <<EOF
FROM $DEBIAN
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY machine-ca.crt /usr/local/share/machine-ca.crt
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/machine-ca.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
CMD ["node"]
EOF
  "$ENGINE" build -t "$NODE" "$work/node"
fi

if missing "$REDIS"; then
  mkdir -p "$work/redis"
  cat >"$work/redis/Containerfile" <<EOF
FROM $DEBIAN
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
EXPOSE 6379
CMD ["redis-server", "--protected-mode", "no"]
EOF
  "$ENGINE" build -t "$REDIS" "$work/redis"
fi
"$ENGINE" images --filter reference=docker.io/library/debian --filter reference=docker.io/library/node --filter reference=docker.io/library/redis
