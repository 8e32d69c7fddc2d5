/**
 * Where a created session shows up after its SessionCreated event was appended: on the public Kafka topic,
 * and as a row of the read model. Both compare a wall-clock arrival time with the event's `occurred_at`, which
 * the command's handler set on this same machine just before the append. `occurred_at` has millisecond resolution
 * (truncated), so each lag reads up to 1 ms long.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Client } from 'pg';
import type { SessionIntegrationEvent } from '@kyc/contracts';
import { READ_MODEL_CHECKPOINT } from '@kyc/read-model';

export interface KafkaArrival {
  /** `occurred_at` of the event, epoch ms. */
  occurredAt: number;
  /** The record's timestamp: when the relay's producer sent it. */
  producedAt: number;
  receivedAt: number;
}

/** A consumer group of its own on the session events topic, recording the first delivery of each SessionCreated. */
export class SessionCreatedOnKafka {
  readonly arrivals = new Map<string, KafkaArrival>();

  private constructor(private readonly consumer: Consumer) {}

  /** Resolves once the group owns all `partitions` and has fetched once, so no later message is missed. */
  static async start(brokers: string[], topic: string, partitions: number): Promise<SessionCreatedOnKafka> {
    const kafka = new Kafka({ clientId: 'kyc-bench', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `kyc-bench-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
    const probe = new SessionCreatedOnKafka(consumer);
    // With fromBeginning false, a fresh group starts each partition at its end, resolved right before the first fetch.
    const ready = new Promise<void>((resolve, reject) => {
      let assigned = false;
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        assigned = (payload.memberAssignment[topic]?.length ?? 0) === partitions;
      });
      consumer.on(consumer.events.FETCH, () => assigned && resolve());
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const receivedAt = Date.now();
        const event = JSON.parse(String(message.value)) as SessionIntegrationEvent;
        if (event.type !== 'SessionCreated' || probe.arrivals.has(event.session_id)) return;
        probe.arrivals.set(event.session_id, {
          occurredAt: Date.parse(event.occurred_at),
          producedAt: Number(message.timestamp),
          receivedAt,
        });
      },
    });
    await ready;
    return probe;
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export interface ReadModelArrival {
  /** The row's `created_at`: the SessionCreated event's `occurred_at`, epoch ms. */
  createdAt: number;
  /** When a poll first saw the projection's checkpoint cover the row. */
  seenAt: number;
}

/** How the watcher learns that rows may have appeared. */
export interface ReadModelWatch {
  /**
   * True when the event-store projection writes the rows: its checkpoint (one row, committed in the same
   * transaction as the rows it covers) is polled and rows are read only when it moves, which keeps the
   * watcher's own load low. False when the topic projection writes them (no checkpoint covers them): rows are
   * read on every poll.
   */
  checkpointGated: boolean;
  /** The shortest look-back behind the newest row seen. */
  minWindowMs: number;
  /** Pause between polls. */
  intervalMs: number;
}

/**
 * Watches the read model: reads the tenant's new `session_views` rows (see ReadModelWatch for when), recording
 * the poll's answer time as when they became visible. Rows commit in an order that can differ from `created_at`
 * order (by a little in log order; by more across the topic's partitions), so each read looks back a window
 * behind the newest row seen (at least `minWindowMs`, and twice the worst disorder so far) and skips the rows it
 * already holds.
 */
export class SessionsVisibleInReadModel {
  readonly arrivals = new Map<string, ReadModelArrival>();
  private readonly window: { id: string; createdAt: number }[] = [];
  private newestCreatedAt: number;
  private worstDisorderMs = 0;
  private checkpoint: string | undefined;
  private stopped = false;
  private failure: unknown;
  private readonly loop: Promise<void>;

  constructor(
    private readonly client: Client,
    private readonly tenantId: string,
    private readonly since: number,
    private readonly watch: ReadModelWatch,
  ) {
    this.newestCreatedAt = since;
    // A dropped connection surfaces here as well as in the pending query: keep it as the failure, do not crash.
    client.on('error', (error) => (this.failure ??= error));
    this.loop = this.run().catch((error: unknown) => void (this.failure ??= error));
  }

  static async start(databaseUrl: string, tenantId: string, watch: ReadModelWatch): Promise<SessionsVisibleInReadModel> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new SessionsVisibleInReadModel(client, tenantId, Date.now(), watch);
  }

  /** How many of `ids` have a row now, whether or not a poll caught them (a row the window missed counts here only). */
  async rowsFor(ids: string[]): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>('SELECT count(*) AS n FROM session_views WHERE session_id = ANY($1::uuid[])', [ids]);
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.client.end();
    if (this.failure) throw this.failure;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.watch.checkpointGated) await this.readIfCheckpointMoved();
      // The query's snapshot is taken as it starts: every row it returns was visible by then.
      else await this.readNewRows(Date.now());
      await new Promise((resolve) => setTimeout(resolve, this.watch.intervalMs));
    }
  }

  private async readIfCheckpointMoved(): Promise<void> {
    const { rows } = await this.client.query<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = $1', [
      READ_MODEL_CHECKPOINT,
    ]);
    const seenAt = Date.now();
    if (rows[0] && rows[0].position !== this.checkpoint) {
      this.checkpoint = rows[0].position;
      await this.readNewRows(seenAt);
    }
  }

  private async readNewRows(seenAt: number): Promise<void> {
    const floor = Math.max(this.since, this.newestCreatedAt - Math.max(this.watch.minWindowMs, 2 * this.worstDisorderMs));
    const known = this.window.filter((row) => row.createdAt >= floor);
    this.window.splice(0, this.window.length, ...known);
    const { rows } = await this.client.query<{ session_id: string; created_at: Date }>(
      `SELECT session_id, created_at FROM session_views
        WHERE tenant_id = $1 AND created_at >= $2 AND NOT (session_id = ANY($3::uuid[]))`,
      [this.tenantId, new Date(floor), known.map((row) => row.id)],
    );
    for (const row of rows) {
      const createdAt = row.created_at.getTime();
      this.arrivals.set(row.session_id, { createdAt, seenAt });
      this.window.push({ id: row.session_id, createdAt });
      this.worstDisorderMs = Math.max(this.worstDisorderMs, this.newestCreatedAt - createdAt);
      this.newestCreatedAt = Math.max(this.newestCreatedAt, createdAt);
    }
  }
}
