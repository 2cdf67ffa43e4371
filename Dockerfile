# One image for every node of the federation (HQ, provinces, cities) and both of its processes:
# the entry is chosen by the command, e.g.
#   node dist/apps/<hq|province|city>/src/main.js     HTTP API (the default command: a city API)
#   node dist/apps/<hq|province|city>/src/worker.js   BullMQ worker
#   node dist/apps/<hq|province|city>/src/cli.js      migrate | seed
# Configuration comes only from CRM_* environment variables (see docker-compose.yml); keys and
# the topology file are mounted at run time, never baked in.

# ---- build: full dependency tree, compile, then drop dev dependencies -------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first so that source edits reuse this layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code and production dependencies only ----------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CRM_HTTP_PORT=3000
WORKDIR /app

# Owned by root and read-only for the unprivileged `node` user that runs the processes.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

USER node
EXPOSE 3000

# /health answers 200 when the node's database and Redis are up, 503 otherwise. Worker
# containers have no HTTP server: docker-compose.yml disables this check for them.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const req = require('node:http').get({ host: '127.0.0.1', port: Number(process.env.CRM_HTTP_PORT || 3000), path: '/health', timeout: 4000 }, (res) => { res.resume(); process.exit(res.statusCode === 200 ? 0 : 1); }); req.on('timeout', () => req.destroy(new Error('timeout'))); req.on('error', () => process.exit(1));"]

CMD ["node", "dist/apps/city/src/main.js"]
