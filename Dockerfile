# syntax=docker/dockerfile:1
# Image Studio MCP on Node 22 LTS. Two stages: the first installs every dependency, compiles the
# TypeScript and then drops the development dependencies; the second copies only the compiled code and the
# production node_modules onto a clean slim image and runs it as the unprivileged `node` user.
# The suite also runs on Node 22 in CI (.ci/run), so this is the Node the tests cover.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8766 \
    IMG_ROOT=/srv/images
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The data volume belongs to the user the server runs as, so a fresh named volume is writable.
RUN mkdir -p /srv/images && chown node:node /srv/images
USER node
VOLUME ["/srv/images"]
EXPOSE 8766
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8766)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form, no npm or shell in between: SIGTERM reaches node itself, which stops taking new work and lets
# generations in flight finish (IMG_SHUTDOWN_GRACE_S) before exiting.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
