# syntax=docker/dockerfile:1
# Build stage: install everything, compile TypeScript.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY bin ./bin
RUN npm ci --no-audit --no-fund

# Runtime stage: production dependencies and the compiled output only, as a non-root user.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
USER node
ENTRYPOINT ["node", "bin/authdoctor.js"]
CMD ["serve"]
