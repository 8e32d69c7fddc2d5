export * from './migrations-dir';
export * from './prisma-client';
export * from './projection/checkpoint-polling-consistency';
export * from './projection/read-model-projection';
export * from './queries/session-list.query';
export type { Prisma, SessionView, WebhookDelivery, WebhookEndpoint, WorkflowVersion } from './generated/prisma/client';
export * from './jobs/expiry-sweeper';
export * from './screening/screening-list-ledger';
