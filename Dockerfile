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
# MALLOC_ARENA_MAX=1: glibc otherwise keeps each argon2id hash's 19 MiB in the arena of the
# thread that computed it, for good (~76 MB more RSS after the first burst of logins);
# with one arena it is returned. No throughput cost was measured (bench/README.md, Memory).
ENV NODE_ENV=production \
    PORT=8000 \
    MALLOC_ARENA_MAX=1
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
# otherwise reaches during start-up and keeps; ~15–25 MB less peak RSS, no throughput cost
# measured (bench/README.md, Memory).
CMD ["node", "--max-semi-space-size=8", "dist/server.js"]
