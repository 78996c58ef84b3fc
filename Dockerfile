# syntax=docker/dockerfile:1
# MotCua image: one image, three commands — the API (default), the job worker, and the CLI (migrate).
#   docker build -t motcua:1.0.0 .
#   docker run … motcua:1.0.0                                            # node --max-old-space-size=512 server/dist/api.mjs
#   docker run … motcua:1.0.0 node server/dist/worker.mjs
#   docker run … motcua:1.0.0 node server/dist/cli.mjs migrate
# The server, the worker and the CLI run as JavaScript bundles (esbuild, infra/src/server-build.ts;
# node_modules stay external), the front ends as Vite builds: both made here once. tsx stays installed
# (a server dependency) for commands that still name the sources: node --import tsx server/src/….

ARG NODE_IMAGE=node:20.19-bookworm-slim

# ---- dependencies of every workspace, dev tools included (Vite, TypeScript) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY server/package.json server/
COPY metering/package.json metering/
COPY billing/package.json billing/
COPY migrations/package.json migrations/
COPY infra/package.json infra/
COPY bench/package.json bench/
COPY admin-console/package.json admin-console/
COPY tenant-portal/package.json tenant-portal/
RUN npm ci --no-audit --no-fund

# ---- build: the admin console and the citizens' portal (Vite), the server's bundles (esbuild), then drop dev dependencies ----
# The front ends' libraries (MUI, react-admin, recharts…: ~300 MB) are bundled into their dist by
# Vite, and bench's load generator is not shipped: their workspaces' dependencies are dropped before
# the prune, so node_modules keeps only what the server, the worker and the CLI import.
FROM deps AS build
COPY . .
RUN npm run build:front-ends \
  && npm run build:server \
  && npm pkg delete dependencies --workspace admin-console --workspace tenant-portal --workspace bench \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf admin-console/src tenant-portal/src bench server/test metering/test billing/test infra/test

# ---- runtime: Node, production dependencies, the server's bundles (server/dist) and sources, built front ends; non-root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/server ./server
COPY --from=build /app/metering ./metering
COPY --from=build /app/billing ./billing
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/infra/package.json ./infra/package.json
COPY --from=build /app/infra/src ./infra/src
COPY --from=build /app/admin-console/package.json ./admin-console/package.json
COPY --from=build /app/admin-console/dist ./admin-console/dist
COPY --from=build /app/tenant-portal/package.json ./tenant-portal/package.json
COPY --from=build /app/tenant-portal/dist ./tenant-portal/dist
# The image's files belong to root and are read-only to the process; only /app/data is writable
# (local object storage when OBJECT_STORE_URL is unset; a volume in that case).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The API's old space capped at 512 MB: with a small cap V8 grows the heap by ~1.3–1.4× its live
# data after a full GC instead of up to 4×. The API lives on ~70 MB of heap; under dossier-flow's 32
# concurrent flows its RSS peaked at 320–400 MB uncapped, 204–221 MB with a 160 or 256 MB cap, 218 MB
# with this one, CPU per flow within the noise. Not the worker: invoice runs hold far more at once.
CMD ["node", "--max-old-space-size=512", "server/dist/api.mjs"]
