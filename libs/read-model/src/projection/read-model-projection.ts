import type { EventStore, RecordedEvent, Subscription } from '@kyc/event-store';
import type { SessionApplication } from '@kyc/session-application';
import type { Prisma } from '../generated/prisma/client';
import type { ReadModelClient } from '../prisma-client';
import { toSessionViewRow } from './session-view.mapper';

export const READ_MODEL_CHECKPOINT = 'read-model';
const CHECKPOINT = READ_MODEL_CHECKPOINT;

/**
 * Builds the read model from the event store's global log. Each event's aggregate is folded from its
 * stream and its row replaced, in the same transaction that moves the checkpoint: a crash replays from
 * the last committed event, and a replayed event rewrites the row it already wrote (stream_version guards
 * against going backwards).
 */
export class ReadModelProjection {
  private subscription: Subscription | null = null;
  private position = 0n;
  private waiters: { position: bigint; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelClient,
    private readonly app: SessionApplication,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const row = await this.db.projectionCheckpoint.findUnique({ where: { name: CHECKPOINT } });
    this.position = row ? BigInt(row.position) : 0n;
    this.subscription = this.store.subscribeToAll({
      from: this.position,
      handler: (event) => this.apply(event),
      onError: this.onError,
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }

  get checkpoint(): bigint {
    return this.position;
  }

  /**
   * Resolves true once every event up to `position` is visible in the read model (read-your-writes), or
   * false when `timeoutMs` passed first: the write stands either way, the read model follows later.
   */
  waitFor(position: bigint, timeoutMs = 5_000): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push({ position, resolve: done });
    });
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const write = await this.writesFor(event);
    await this.db.$transaction(async (tx) => {
      await write(tx);
      await tx.projectionCheckpoint.upsert({
        where: { name: CHECKPOINT },
        create: { name: CHECKPOINT, position: event.position.toString() },
        update: { position: event.position.toString() },
      });
    });
    this.position = event.position;
    const ready = this.waiters.filter((w) => w.position <= event.position);
    this.waiters = this.waiters.filter((w) => w.position > event.position);
    for (const waiter of ready) waiter.resolve();
  }

  private async writesFor(event: RecordedEvent): Promise<(tx: Prisma.TransactionClient) => Promise<unknown>> {
    const [kind, id] = splitStream(event.stream_id);
    if (kind === 'session') return this.sessionWrites(id, event.version);
    if (kind === 'workflow') return this.workflowWrites(id);
    return async () => undefined;
  }

  private async sessionWrites(sessionId: string, eventVersion: number) {
    const { state } = await this.app.sessions.load(sessionId);
    if (!state.exists || state.deleted) {
      return (tx: Prisma.TransactionClient) => tx.sessionView.deleteMany({ where: { sessionId } });
    }
    const row = toSessionViewRow(state);
    return async (tx: Prisma.TransactionClient) => {
      const current = await tx.sessionView.findUnique({ where: { sessionId }, select: { streamVersion: true } });
      if (current && current.streamVersion >= Math.max(eventVersion, state.version)) return;
      await tx.sessionView.upsert({ where: { sessionId }, create: row, update: row });
    };
  }

  private async workflowWrites(workflowId: string) {
    const { state } = await this.app.workflows.load(workflowId);
    if (!state.exists) return async () => undefined;
    const rows = state.versions.map((definition) => ({
      workflowId,
      version: definition.version,
      tenantId: state.tenant_id,
      name: definition.name,
      definition: definition as unknown as Prisma.InputJsonObject,
      archived: state.archived,
      createdAt: new Date(state.created_at),
    }));
    return async (tx: Prisma.TransactionClient) => {
      for (const row of rows) {
        await tx.workflowVersion.upsert({
          where: { workflowId_version: { workflowId, version: row.version } },
          create: row,
          update: { archived: row.archived, name: row.name, definition: row.definition },
        });
      }
    };
  }
}

function splitStream(streamId: string): [string, string] {
  const dash = streamId.indexOf('-');
  return dash < 0 ? [streamId, ''] : [streamId.slice(0, dash), streamId.slice(dash + 1)];
}
