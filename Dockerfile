# One image for every app: the command picks which one runs. docker-compose.yml starts one container per app
# (`node -r @swc-node/register apps/<app>/src/main.ts`). Without a command the image runs the whole platform
# in embedded mode, its data under /data:
#   docker build -t kyc-platform . && docker run -p 3000:3000 -v kyc-data:/data kyc-platform
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so that a source change does not reinstall them. Install scripts stay off, as on the
# development machines: nothing the platform runs needs them (Prisma's engine download included).
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

COPY . .
# The read-model client is generated TypeScript, not committed.
RUN npm run prisma:generate --silent \
  && mkdir -p /data \
  && chown node:node /data

ENV KYC_DATA_DIR=/data
USER node
EXPOSE 3000
CMD ["node", "-r", "@swc-node/register", "apps/all-in-one/src/main.ts"]
