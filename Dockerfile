# syntax=docker/dockerfile:1
# Production image: `docker build -t account-service .`, or `docker compose up` with compose.yaml.
ARG NODE_VERSION=20

# 1. Compile TypeScript and build the account pages (Vite) with the dev dependencies.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json vite.config.ts ./
COPY src ./src
COPY web ./web
COPY client ./client
RUN npm run build && chmod +x dist/cli.js

# 2. Runtime: production dependencies only (argon2 ships prebuilt binaries for glibc and musl).
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8000
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
# `npm start`'s command (package.json) without the build: its V8 flags keep the heap small (bench/README.md).
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=256", "--v8-pool-size=1", "dist/start.cjs"]
