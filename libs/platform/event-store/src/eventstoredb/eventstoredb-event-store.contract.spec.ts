import { existsSync } from 'node:fs';
import { eventStoreContract } from '@kyc/testing';
import type { StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe } from 'vitest';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';

/*
 * The contract suite on a real EventStoreDB/KurrentDB: the one named by EVENTSTORE_CONNECTION_STRING, or else a
 * throwaway container when a Docker engine is reachable. Without either it does not run, and says so.
 */

const configured = process.env.EVENTSTORE_CONNECTION_STRING;
/** The server image for the container (any EventStoreDB 22.6 or later, or KurrentDB). */
const image = process.env.EVENTSTORE_TEST_IMAGE ?? 'kurrentplatform/kurrentdb:25.0';
/** Decided as the test database's global setup decides it (tools/testing/postgres-global-setup.ts). */
const dockerEngine = Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
const SERVER_READY_MS = 60_000;

if (!configured && !dockerEngine) {
  console.warn(
    'DID NOT RUN: EventStoreDB contract suite: no EventStoreDB reachable (EVENTSTORE_CONNECTION_STRING is not set and ' +
      'there is no Docker engine for testcontainers). Set EVENTSTORE_CONNECTION_STRING=esdb://host:2113?tls=false ' +
      '(a node started with --insecure) or run with a Docker engine: ' +
      'npx vitest run libs/platform/event-store/src/eventstoredb/eventstoredb-event-store.contract.spec.ts',
  );
}

describe.runIf(Boolean(configured) || dockerEngine)('EventStoreDB event store on a real server', () => {
  let connectionString = configured ?? '';
  let container: StartedTestContainer | undefined;

  beforeAll(async () => {
    if (!configured) {
      const { GenericContainer, Wait } = await import('testcontainers');
      container = await new GenericContainer(image)
        .withCommand(['--insecure', '--run-projections=None', '--mem-db'])
        .withExposedPorts(2113)
        .withWaitStrategy(
          Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300),
        )
        .withStartupTimeout(120_000)
        .start();
      connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
      console.log(`[EventStoreDB] ${image} in a container started with testcontainers`);
    } else {
      console.log('[EventStoreDB] server from EVENTSTORE_CONNECTION_STRING');
    }
    await untilServerAnswers(connectionString);
  }, 180_000);

  afterAll(async () => {
    await container?.stop();
  });

  eventStoreContract('EventStoreDbEventStore', async () => {
    const store = createEventStoreDbEventStore(connectionString);
    return { store, cleanup: () => store.close() };
  });
});

/** A node is live before it is ready (it still elects itself leader): wait until a read of $all succeeds. */
async function untilServerAnswers(connectionString: string): Promise<void> {
  const probe = createEventStoreDbEventStore(connectionString);
  const deadline = Date.now() + SERVER_READY_MS;
  try {
    for (;;) {
      try {
        await probe.headPosition();
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`EventStoreDB at ${connectionString} did not answer within ${SERVER_READY_MS} ms`, {
            cause: error,
          });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await probe.close();
  }
}
