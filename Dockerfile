# The realitycheck exporter as an image: multi-stage, production
# dependencies only, runs as the unprivileged `node` user.
#
#   docker build -t realitycheck .                   # the exporter
#   docker build --target demo -t realitycheck-demo . # plus the demo story
#
# The default target runs `realitycheck serve --config
# /etc/realitycheck/realitycheck.yaml`; mount your config (and the intent and
# snapshots it names) there, or pass other `serve` flags as the command.
ARG NODE_IMAGE=node:20-alpine

# Compile the exporter workspace (and only it) with its dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
# npm ci checks the lockfile against every workspace's package.json.
COPY exporter/package.json exporter/
COPY grafana-plugin/package.json grafana-plugin/
RUN npm ci --workspace exporter --no-audit --no-fund
COPY exporter/tsconfig.json exporter/tsconfig.build.json exporter/
COPY exporter/src exporter/src
# The build also writes the intent JSON Schema to ../examples.
RUN mkdir -p examples && npm run build --workspace exporter

# Production dependencies of the exporter, without install scripts.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY exporter/package.json exporter/
COPY grafana-plugin/package.json grafana-plugin/
RUN npm ci --workspace exporter --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS exporter
ARG REVISION=unknown
ENV NODE_ENV=production \
    REALITYCHECK_REVISION=${REVISION}
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY package.json ./
COPY exporter/package.json exporter/
COPY --from=build /src/exporter/dist exporter/dist
USER node
EXPOSE 9847
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s \
  CMD wget -q -O /dev/null http://127.0.0.1:9847/healthz || exit 1
ENTRYPOINT ["node", "/app/exporter/dist/cli/main.js"]
CMD ["serve", "--config", "/etc/realitycheck/realitycheck.yaml"]

# The demo of examples/demo: play.mjs moves snapshots through the story
# (under examples/demo/.run, hence owned by `node`) and starts the exporter.
FROM exporter AS demo
COPY --chown=node:node examples/demo /app/examples/demo
ENTRYPOINT ["node", "/app/examples/demo/play.mjs"]
# The demo config listens on loopback; in a container the port is published.
CMD ["--listen", "0.0.0.0:9847"]

# The default target: the plain exporter.
FROM exporter AS runtime
