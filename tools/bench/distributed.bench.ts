/**
 * `npm run bench:distributed`: the distributed shape (gateway, session service, projections, event relay as
 * separate processes on PostgreSQL and Kafka) under an open-loop load of POST /kyc/sessions, with 1 and with 3
 * partitions on the session events topic. Reports sessions created per second, request latency, and the lag
 * from the append of SessionCreated to the row being visible in the read model and to a Kafka consumer
 * receiving it (p50/p99/max), next to the same machine's raw PostgreSQL INSERT rate measured in the same run.
 *
 * Needs DATABASE_URL (a server where it may create and drop databases) and KAFKA_BROKERS; it deletes and
 * recreates the session events topic, so point it at brokers nothing else uses.
 * BENCH_RATE (sessions/s offered, default 200), BENCH_SECONDS (default 15), BENCH_WARMUP_SECONDS (default 2),
 * BENCH_CONNECTIONS (writers of the INSERT baseline, default 10).
 */
import 'reflect-metadata';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import { BASIC_WORKFLOW, tenantClient } from '../../apps/all-in-one/src/testing/fixtures';
import { distributionOf, ms, printTable, rawInsertBaseline, shareOf, type Distribution, type Result } from './bench-support';
import { runCreateSessionLoad, type CreateSessionLoadReport } from './create-session-load';
import { createScratchDatabase, recreateTopic, startDistributedPlatform, type DistributedPlatform } from './distributed-platform';
import { SessionCreatedOnKafka, SessionsVisibleInReadModel } from './session-lag-probes';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PARTITION_COUNTS = (process.env.BENCH_PARTITIONS ?? '1,3').split(',').map(Number);
const FROM_TOPIC = process.env.PROJECTION_SOURCE === 'topic';
/**
 * Topic-fed rows commit per partition, so they can land seconds out of `created_at` order under load; and with
 * no checkpoint to gate on, every poll reads rows, so it polls half as often to keep its own load down.
 */
const READ_MODEL_WATCH = FROM_TOPIC
  ? { checkpointGated: false, minWindowMs: 5_000, intervalMs: 10 }
  : { checkpointGated: true, minWindowMs: 1_000, intervalMs: 5 };
/** How long, after the last answer, every created session may take to reach the read model and the consumer. */
const DRAIN_TIMEOUT_MS = 30_000;
const AIM = { rate: 200, lagP99Ms: 250 };

interface PartitionRun {
  partitions: number;
  requests: number;
  created: string[];
  /** Requests not answered 201, by status (or network error). */
  failures: Map<string, number>;
  perSecond: number;
  latency: Distribution;
  /** Request due -> SessionCreated's occurred_at: the gateway and the command's way to the session service. */
  beforeAppend: Distribution;
  /** occurred_at -> answer: the append, the read-your-writes wait and the way back. */
  afterAppend: Distribution;
  maxSendDelayMs: number;
  readModel: Distribution;
  /** Rows of created sessions in the read model at the end, polled or not. */
  readModelRows: number;
  kafka: Distribution;
  relayPickup: Distribution;
  delivery: Distribution;
}

const interruptCleanups: (() => Promise<void>)[] = [];

/** Runs `cleanup` if the bench is interrupted before the returned function is called. */
function onInterrupt(cleanup: () => Promise<void>): () => void {
  interruptCleanups.push(cleanup);
  return () => interruptCleanups.splice(interruptCleanups.indexOf(cleanup), 1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping the processes and dropping the scratch database`);
    void (async () => {
      for (const cleanup of [...interruptCleanups].reverse()) await cleanup().catch((error: unknown) => console.error(error));
      process.exit(130);
    })();
  });
}

async function runWithPartitions(serverUrl: string, brokers: string, partitions: number): Promise<PartitionRun> {
  const database = await createScratchDatabase(serverUrl);
  const forgetDatabase = onInterrupt(() => database.drop());
  try {
    await recreateTopic(brokers.split(','), SESSION_EVENTS_TOPIC, partitions);
    const platform = await startDistributedPlatform({ databaseUrl: database.url, kafkaBrokers: brokers });
    const forgetPlatform = onInterrupt(() => platform.kill());
    try {
      const run = await measure(platform, database.url, brokers, partitions);
      await platform.stop();
      return run;
    } catch (error) {
      console.error(platform.logs());
      await platform.kill();
      throw error;
    } finally {
      forgetPlatform();
    }
  } finally {
    await database.drop();
    forgetDatabase();
  }
}

async function measure(platform: DistributedPlatform, databaseUrl: string, brokers: string, partitions: number): Promise<PartitionRun> {
  const { api, tenantId } = await tenantClient(platform.gatewayUrl);
  const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
  if (workflow.status !== 201) throw new Error(`workflow: ${workflow.status} ${JSON.stringify(workflow.body)}`);
  const load = {
    url: `${platform.gatewayUrl}/kyc/sessions`,
    apiKey: api.key as string,
    body: { workflow_id: workflow.body.data.workflow_id, metadata: { user_email: 'bench@example.com' } },
    rate: RATE,
  };
  // Connections, pools and compiled code warm up on sessions that are not measured.
  if (WARMUP_S > 0) await runCreateSessionLoad({ ...load, seconds: WARMUP_S });

  const kafka = await SessionCreatedOnKafka.start(brokers.split(','), SESSION_EVENTS_TOPIC, partitions);
  const readModel = await SessionsVisibleInReadModel.start(databaseUrl, tenantId, READ_MODEL_WATCH);
  try {
    const report = await runCreateSessionLoad({ ...load, seconds: DURATION_S });
    const created = report.outcomes.flatMap((outcome) => (outcome.sessionId ? [outcome.sessionId] : []));
    await untilArrived(created, [kafka.arrivals, readModel.arrivals]);
    const readModelRows = await readModel.rowsFor(created);
    const onKafka = created.flatMap((id) => kafka.arrivals.get(id) ?? []);
    const appended = report.outcomes.flatMap(({ sessionId, dueAt, latencyMs }) => {
      const occurredAt = sessionId ? (kafka.arrivals.get(sessionId)?.occurredAt ?? readModel.arrivals.get(sessionId)?.createdAt) : undefined;
      return occurredAt === undefined ? [] : [{ before: occurredAt - dueAt, after: dueAt + latencyMs - occurredAt }];
    });
    return {
      partitions,
      ...requestFigures(report),
      beforeAppend: distributionOf(appended.map((a) => a.before)),
      afterAppend: distributionOf(appended.map((a) => a.after)),
      created,
      readModel: distributionOf(created.flatMap((id) => readModel.arrivals.get(id) ?? []).map((a) => a.seenAt - a.createdAt)),
      readModelRows,
      kafka: distributionOf(onKafka.map((a) => a.receivedAt - a.occurredAt)),
      relayPickup: distributionOf(onKafka.map((a) => a.producedAt - a.occurredAt)),
      delivery: distributionOf(onKafka.map((a) => a.receivedAt - a.producedAt)),
    };
  } finally {
    await kafka.close();
    await readModel.close();
  }
}

function requestFigures(
  report: CreateSessionLoadReport,
): Pick<PartitionRun, 'requests' | 'failures' | 'perSecond' | 'latency' | 'maxSendDelayMs'> {
  const failures = new Map<string, number>();
  for (const { status, error } of report.outcomes) {
    const kind = status === 0 ? `no answer (${error})` : String(status);
    if (status !== 201) failures.set(kind, (failures.get(kind) ?? 0) + 1);
  }
  const created = report.outcomes.filter((outcome) => outcome.sessionId !== null).length;
  return {
    requests: report.outcomes.length,
    failures,
    perSecond: created / (report.elapsedMs / 1000),
    latency: distributionOf(report.outcomes.map((outcome) => outcome.latencyMs)),
    maxSendDelayMs: report.maxSendDelayMs,
  };
}

/** Waits until every id is in every map, or the drain timeout passed (the report then shows what is missing). */
async function untilArrived(ids: string[], arrivals: ReadonlyMap<string, unknown>[]): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline && !arrivals.every((map) => ids.every((id) => map.has(id)))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function printRun(run: PartitionRun, baseline: Result): void {
  const failures = [...run.failures].map(([kind, n]) => `${n} x ${kind}`).join(', ') || 'none';
  const lagRow = (name: string, d: Distribution, count: string) => [name, count, '', ms(d.p50), ms(d.p99), ms(d.max)];
  const ofCreated = (n: number) => `${n} of ${run.created.length}`;
  console.log(`\n### ${run.partitions} partition${run.partitions === 1 ? '' : 's'}: ${RATE} sessions/s offered for ${DURATION_S} s\n`);
  printTable(
    ['measure', 'count', 'per second:', 'p50 ms:', 'p99 ms:', 'max ms:'],
    [
      ['POST /kyc/sessions, created (201)', `${run.created.length} of ${run.requests}`, run.perSecond.toFixed(1), ms(run.latency.p50), ms(run.latency.p99), ms(run.latency.max)],
      lagRow('  of which due -> append', run.beforeAppend, ofCreated(run.beforeAppend.count)),
      lagRow('  of which append -> answer', run.afterAppend, ofCreated(run.afterAppend.count)),
      lagRow('append -> read model row visible', run.readModel, ofCreated(run.readModel.count)),
      lagRow('append -> Kafka consumer', run.kafka, ofCreated(run.kafka.count)),
      lagRow('  of which append -> relay sends', run.relayPickup, ofCreated(run.relayPickup.count)),
      lagRow('  of which relay sends -> consumer', run.delivery, ofCreated(run.delivery.count)),
    ],
  );
  console.log(`\nother answers: ${failures}; the load generator sent up to ${ms(run.maxSendDelayMs)} ms late`);
  if (run.readModelRows > run.readModel.count) {
    console.log(`${run.readModelRows - run.readModel.count} read-model rows appeared behind the poller's window: their lag is not counted`);
  }
  console.log(`gateway ${run.perSecond.toFixed(0)} sessions/s = ${shareOf(run.perSecond, baseline)} of the raw INSERT rate (${baseline.perSecond.toFixed(0)}/s)`);
}

/** Met when the aim's rate was sustained without failures and both lags stayed under the aim, for every session. */
function verdict(run: PartitionRun): string {
  const shortfalls: string[] = [];
  if (run.perSecond < AIM.rate * 0.98) shortfalls.push(`${run.perSecond.toFixed(0)} sessions/s`);
  if (run.failures.size > 0) shortfalls.push(`${run.requests - run.created.length} requests failed`);
  for (const [name, lag] of [['read model', run.readModel], ['Kafka', run.kafka]] as const) {
    const reached = name === 'read model' ? run.readModelRows : lag.count;
    if (reached < run.created.length) shortfalls.push(`${run.created.length - reached} never reached the ${name}`);
    else if (lag.count < reached) shortfalls.push(`${reached - lag.count} not timed`);
    if (!(lag.p99 < AIM.lagP99Ms)) shortfalls.push(`${name} p99 ${ms(lag.p99)} ms`);
  }
  const name = `${run.partitions} partition${run.partitions === 1 ? '' : 's'}`;
  return shortfalls.length === 0
    ? `${name}: met (read model p99 ${ms(run.readModel.p99)} ms, Kafka p99 ${ms(run.kafka.p99)} ms)`
    : `${name}: missed (${shortfalls.join(', ')})`;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const brokers = process.env.KAFKA_BROKERS;
  if (!serverUrl || !brokers) {
    console.error(
      'bench:distributed needs a PostgreSQL server and a Kafka broker: set DATABASE_URL and KAFKA_BROKERS ' +
        '(tools/services/services.sh starts both and prints them).',
    );
    process.exit(2);
  }
  console.log(`read model fed by: ${FROM_TOPIC ? 'the session events topic (Kafka)' : 'the event store'}`);
  console.log(`raw PostgreSQL INSERT baseline: ${CONNECTIONS} writers for ${DURATION_S} s`);
  const baseline = await rawInsertBaseline(serverUrl, { connections: CONNECTIONS, seconds: DURATION_S });
  const runs: PartitionRun[] = [];
  for (const partitions of PARTITION_COUNTS) {
    console.log(`${partitions} partition(s): starting ${RATE} sessions/s for ${WARMUP_S} s of warm-up, then ${DURATION_S} s measured`);
    runs.push(await runWithPartitions(serverUrl, brokers, partitions));
  }

  console.log('');
  printTable(
    ['baseline', 'count', 'per second:', 'p50 ms:', 'p99 ms:'],
    [[baseline.name, String(baseline.count), baseline.perSecond.toFixed(0), ms(baseline.p50), ms(baseline.p99)]],
  );
  for (const run of runs) printRun(run, baseline);
  console.log(`\nverdict (aim: lag p99 < ${AIM.lagP99Ms} ms at ${AIM.rate} sessions/s): ${runs.map(verdict).join('; ')}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
