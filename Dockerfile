# syntax=docker/dockerfile:1
# authdoctor: one image for every process. `serve` (the default) runs the Slack/Discord adapters and the
# workers; `worker` runs workers only (docs/operations.md). Build: docker build -t authdoctor .
ARG NODE_IMAGE=node:22-bookworm-slim

# --- deps: every dependency, for the compiler. Scripts are skipped: `prepare` would compile before the
# sources are here, and nothing the build needs has an install step (esbuild and tree-sitter serve tests).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# --- build: TypeScript → dist/ (dist/adapters/cli/main.js is what bin/authdoctor.js loads). Built-in provider
# packs are TypeScript modules (src/providers/packs/), so they are compiled in; user packs are mounted at run
# time (AUTHDOCTOR_PACKS).
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
RUN npm run build && test -f dist/adapters/cli/main.js

# --- prod-deps: runtime dependencies only, installed once and copied without npm's cache.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    METRICS_PORT=9464 \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Owned by root and read-only to the `node` user that runs them: the process never writes its own code.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
USER node
# The CLI finds the compiled entry (without it bin/ would fall back to tsx, a dev dependency, and fail).
RUN node bin/authdoctor.js --version
# 3000: Slack HTTP mode (POST /slack/events). 9464: /metrics, /healthz, /readyz.
EXPOSE 3000 9464
# Slim images have no curl; Node's fetch does. Liveness only: readiness (/readyz) is for orchestrators.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.METRICS_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/authdoctor.js"]
CMD ["serve"]
