# syntax=docker/dockerfile:1
# Production image: `docker build -t account-service .`, or `docker compose up` with compose.yaml.
ARG NODE_VERSION=20

# 1. Compile TypeScript with the dev dependencies.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && chmod +x dist/cli.js

# 2. Runtime: production dependencies only (argon2 ships prebuilt binaries for glibc and musl).
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# glibc's allocator, for argon2id's 19 MiB per hash (bench/README.md, Round 4):
# - MALLOC_ARENA_MAX=1: one heap for every thread. Otherwise each of libuv's four threads
#   keeps the 19 MiB of the last hash it computed, for good (~76 MB).
# - MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_: a freed hash's memory stays in that
#   heap for the next hash instead of being returned and faulted in again, which made
#   logins ~12 % slower with MALLOC_ARENA_MAX=1 alone.
# Together: RSS levels off at ~165-175 MB under load (default: 200-266 MB), login at full speed.
ENV NODE_ENV=production \
    PORT=8000 \
    MALLOC_ARENA_MAX=1 \
    MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=1073741824
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force \
    && mkdir -p /app/data \
    && chown node:node /app/data
COPY drizzle ./drizzle
COPY --from=build /app/dist ./dist
# `account-service users list` etc. inside the container.
RUN ln -s /app/dist/cli.js /usr/local/bin/account-service

# The image's own unprivileged user; it can write only /app/data (embedded database, when used).
USER node
EXPOSE 8000
# Liveness: the process answers. /readyz (database) is for the load balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and handles SIGTERM: it stops accepting, finishes in-flight requests, closes the pool.
# --max-semi-space-size=8: V8's young generation at 2 × 8 MB instead of 2 × 16 MB, which it
# otherwise reaches during start-up and keeps; ~15-25 MB less RSS, no throughput cost
# measured (bench/README.md, Round 4).
CMD ["node", "--max-semi-space-size=8", "dist/server.js"]
