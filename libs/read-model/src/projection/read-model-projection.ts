import type { EventStore, RecordedEvent, Subscription } from '@kyc/event-store';
import type { SessionApplication } from '@kyc/session-application';
import type { Prisma } from '../generated/prisma/client';
import type { ReadModelClient } from '../prisma-client';
import { accessTokensOf, eraseSessionRows } from './erased-session.writes';
import { toSessionViewRow, upsertSessionViews } from './session-view.mapper';

export const READ_MODEL_CHECKPOINT = 'read-model';
const CHECKPOINT = READ_MODEL_CHECKPOINT;

/**
 * Builds the read model from the event store's global log. The aggregates a batch of events touches are
 * folded from their streams and their rows replaced, in the same transaction that moves the checkpoint: a
 * crash replays from the last committed batch, and a replay rewrites rows with the same or newer state
 * (stream_version guards against going backwards).
 */
export class ReadModelProjection {
  private subscription: Subscription | null = null;
  private position = 0n;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private failedAttempts = 0;

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
      batchHandler: (events) => this.apply(events),
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

  /**
   * One transaction per batch: every aggregate the batch touches is folded once from its stream (so the
   * row reflects at least everything in the batch), its row replaced, and the checkpoint moved. A batch that
   * keeps failing is applied aggregate by aggregate instead, and an aggregate that still fails is recorded in
   * projection_failures and passed over: one poison stream must not stop every tenant's read model.
   */
  private async apply(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    const targets = targetsOf(events);
    try {
      const writes = await Promise.all(targets.map((target) => this.writeFor(target)));
      await this.commit(last, (tx) => applyWrites(tx, writes));
      this.failedAttempts = 0;
    } catch (error) {
      if (++this.failedAttempts < MAX_BATCH_ATTEMPTS) throw error;
      await this.applyOneByOne(targets, last);
      this.failedAttempts = 0;
    }
    this.advanceTo(last);
  }

  private async applyOneByOne(targets: Target[], last: bigint): Promise<void> {
    for (const target of targets) {
      try {
        const write = await this.writeFor(target);
        await this.db.$transaction((tx) => applyWrites(tx, [write]));
      } catch (error) {
        this.onError(error);
        const failure = { position: target.position.toString(), error: error instanceof Error ? error.message : String(error) };
        await this.db.projectionFailure.upsert({
          where: { projection_streamId: { projection: CHECKPOINT, streamId: target.streamId } },
          create: { projection: CHECKPOINT, streamId: target.streamId, ...failure },
          update: { ...failure, failedAt: new Date() },
        });
      }
    }
    await this.commit(last, async () => undefined);
  }

  private async commit(position: bigint, write: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await write(tx);
      await tx.projectionCheckpoint.upsert({
        where: { name: CHECKPOINT },
        create: { name: CHECKPOINT, position: position.toString() },
        update: { position: position.toString() },
      });
    });
  }

  private advanceTo(position: bigint): void {
    this.position = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }

  private writeFor(target: Target): Promise<Write> {
    return target.kind === 'session' ? this.sessionWrite(target.id) : this.workflowWrite(target.id);
  }

  private async sessionWrite(sessionId: string): Promise<Write> {
    const { state, events } = await this.app.sessions.load(sessionId);
    if (!state.exists || state.deleted) {
      const tokens = accessTokensOf(events);
      return (tx) => eraseSessionRows(tx, sessionId, tokens);
    }
    return toSessionViewRow(state);
  }

  private async workflowWrite(workflowId: string): Promise<Write> {
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
    return async (tx) => {
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

/** A session's row (written together with the batch's other rows in one statement), or any other write. */
type Write = Prisma.SessionViewCreateInput | ((tx: Prisma.TransactionClient) => Promise<unknown>);

async function applyWrites(tx: Prisma.TransactionClient, writes: Write[]): Promise<void> {
  const rows = writes.filter((write) => typeof write !== 'function');
  if (rows.length > 0) await upsertSessionViews(tx, rows);
  for (const write of writes) if (typeof write === 'function') await write(tx);
}

/** An aggregate a batch touches, with the position of its last event in the batch. */
interface Target {
  kind: 'session' | 'workflow';
  id: string;
  streamId: string;
  position: bigint;
}

/** Consecutive failures of one batch before it is applied aggregate by aggregate. */
const MAX_BATCH_ATTEMPTS = 5;

function targetsOf(events: RecordedEvent[]): Target[] {
  const targets = new Map<string, Target>();
  for (const event of events) {
    const [kind, id] = splitStream(event.stream_id);
    if (kind === 'session' || kind === 'workflow') {
      targets.set(event.stream_id, { kind, id, streamId: event.stream_id, position: event.position });
    }
  }
  return [...targets.values()];
}

function splitStream(streamId: string): [string, string] {
  const dash = streamId.indexOf('-');
  return dash < 0 ? [streamId, ''] : [streamId.slice(0, dash), streamId.slice(dash + 1)];
}
