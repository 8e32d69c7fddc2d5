import type { EventStore, RecordedEvent, Subscription } from '@kyc/event-store';
import type { SessionApplication } from '@kyc/session-application';
import type { Prisma } from '../generated/prisma/client';
import type { ReadModelClient } from '../prisma-client';
import { applyWrites, sessionWrite, sessionWrites, type ReadModelWrite } from './session-row-write';

export const READ_MODEL_CHECKPOINT = 'read-model';
const CHECKPOINT = READ_MODEL_CHECKPOINT;

export interface ReadModelProjectionOptions {
  /**
   * Whether this projection writes the sessions' rows (default true). False when the session events topic
   * feeds them (SessionTopicProjection): this one then keeps the workflows only.
   */
  sessions?: boolean;
}

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
    private readonly options: ReadModelProjectionOptions = {},
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
    const kinds: Target['kind'][] = this.options.sessions === false ? ['workflow'] : ['session', 'workflow'];
    const targets = targetsOf(events, kinds);
    try {
      const writes = await this.writesFor(targets);
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

  private writeFor(target: Target): Promise<ReadModelWrite> {
    return target.kind === 'session' ? sessionWrite(this.app, target.id) : this.workflowWrite(target.id);
  }

  /** The sessions' streams are read together; workflows are few. */
  private async writesFor(targets: Target[]): Promise<ReadModelWrite[]> {
    const ids = (kind: Target['kind']) => targets.filter((target) => target.kind === kind).map((target) => target.id);
    const [sessionRows, workflowRows] = await Promise.all([
      sessionWrites(this.app, ids('session')),
      Promise.all(ids('workflow').map((id) => this.workflowWrite(id))),
    ]);
    return [...sessionRows, ...workflowRows];
  }

  private async workflowWrite(workflowId: string): Promise<ReadModelWrite> {
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

/** An aggregate a batch touches, with the position of its last event in the batch. */
interface Target {
  kind: 'session' | 'workflow';
  id: string;
  streamId: string;
  position: bigint;
}

/** Consecutive failures of one batch before it is applied aggregate by aggregate. */
const MAX_BATCH_ATTEMPTS = 5;

function targetsOf(events: RecordedEvent[], kinds: Target['kind'][]): Target[] {
  const targets = new Map<string, Target>();
  for (const event of events) {
    const [kind, id] = splitStream(event.stream_id);
    if ((kinds as string[]).includes(kind)) {
      targets.set(event.stream_id, { kind: kind as Target['kind'], id, streamId: event.stream_id, position: event.position });
    }
  }
  return [...targets.values()];
}

function splitStream(streamId: string): [string, string] {
  const dash = streamId.indexOf('-');
  return dash < 0 ? [streamId, ''] : [streamId.slice(0, dash), streamId.slice(dash + 1)];
}
