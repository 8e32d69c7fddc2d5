import { randomUUID } from 'node:crypto';
import { SessionServiceUnavailableError, type CommandOrigin, type SessionCommands } from '@kyc/session-application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteSessionCommands } from './session-command.client';
import { startSessionCommandServer, type SessionCommandServer } from './session-command.server';
import { openSessionApplication, type SessionApplicationFixture } from './testing/session-application.fixture';
import { sessionCommandsContract } from './testing/session-commands.contract';

sessionCommandsContract('RemoteSessionCommands over TCP', async (fixture) => {
  const server = await startSessionCommandServer(fixture.application, { host: '127.0.0.1', port: 0 });
  const client = new RemoteSessionCommands({ host: '127.0.0.1', port: server.port, timeoutMs: 10_000 });
  return {
    commands: client,
    async close() {
      client.close();
      await server.close();
    },
  };
});

/** The session application with every command held back until `release()`: a busy or stuck service. */
function heldBack(commands: SessionCommands) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];
  const held = new Proxy(commands, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        started.push(String(property));
        await gate;
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { held, release, started };
}

describe('RemoteSessionCommands: timeouts, outages and restarts', () => {
  let fixture: SessionApplicationFixture;
  let workflowId: string;
  const tenant = `tenant-${randomUUID()}`;
  const origin: CommandOrigin = { actor: { type: 'api_key', id: 'key-faults' }, tenant_id: tenant, correlation_id: randomUUID() };
  const body = { name: 'Faults', steps: [{ step_id: 'info', type: 'form', fields: [{ field_id: 'full_name', name: 'Name', type: 'name' }] }] };

  beforeAll(async () => {
    fixture = await openSessionApplication();
    workflowId = randomUUID();
    await fixture.application.handleWorkflow(workflowId, { type: 'CreateWorkflow', workflow_id: workflowId, tenant_id: tenant, body: body as never }, origin, {
      expectNew: true,
    });
  });

  afterAll(async () => {
    await fixture?.cleanup();
  });

  const sessionsInStore = async () =>
    new Set((await fixture.store.readAll(0n, 100_000)).filter((e) => e.type === 'SessionCreated').map((e) => e.stream_id.slice('session-'.length)));

  it('says unreachable, quickly, when nothing listens', async () => {
    const probe = await startSessionCommandServer(fixture.application, { host: '127.0.0.1', port: 0 });
    const port = probe.port;
    await probe.close();
    const client = new RemoteSessionCommands({ host: '127.0.0.1', port, timeoutMs: 5_000 });
    const started = Date.now();
    const error = await client.createSession({ workflow_id: workflowId }, origin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionServiceUnavailableError);
    expect((error as SessionServiceUnavailableError).reason).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(client.ping()).rejects.toBeInstanceOf(SessionServiceUnavailableError);
    client.close();
  });

  it('times out a command the service does not answer in time, and the caller can go on', async () => {
    const { held, release, started } = heldBack(fixture.application);
    const server = await startSessionCommandServer(held, { host: '127.0.0.1', port: 0 });
    const client = new RemoteSessionCommands({ host: '127.0.0.1', port: server.port, timeoutMs: 300 });
    const error = await client.createSession({ workflow_id: workflowId }, origin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionServiceUnavailableError);
    expect((error as SessionServiceUnavailableError).reason).toBe('timeout');
    expect(started).toEqual(['createSession']);
    release();
    const next = await client.createSession({ workflow_id: workflowId }, origin);
    expect(next.state.exists).toBe(true);
    client.close();
    await server.close();
  });

  it('on a graceful stop answers every command it accepted, refuses new ones, and the client reconnects to its successor', async () => {
    const { held, release, started } = heldBack(fixture.application);
    const server: SessionCommandServer = await startSessionCommandServer(held, { host: '127.0.0.1', port: 0 });
    const client = new RemoteSessionCommands({ host: '127.0.0.1', port: server.port, timeoutMs: 10_000 });
    const accepted = Array.from({ length: 5 }, () => client.createSession({ workflow_id: workflowId }, origin));
    await expect.poll(() => started.length).toBe(5);

    const stopping = server.close();
    const refused = await client.createSession({ workflow_id: workflowId }, origin).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SessionServiceUnavailableError);
    expect((refused as SessionServiceUnavailableError).reason).toBe('shutting_down');

    release();
    const acknowledged = await Promise.all(accepted);
    await stopping;
    const stored = await sessionsInStore();
    for (const result of acknowledged) expect(stored.has(result.state.exists ? result.state.session_id : '')).toBe(true);

    const down = await client.createSession({ workflow_id: workflowId }, origin).catch((e: unknown) => e);
    expect((down as SessionServiceUnavailableError).reason).toBe('unreachable');

    const successor = await startSessionCommandServer(fixture.application, { host: '127.0.0.1', port: server.port });
    const after = await client.createSession({ workflow_id: workflowId }, origin);
    expect(stored.has(after.state.exists ? after.state.session_id : '')).toBe(false);
    expect((await sessionsInStore()).has(after.state.exists ? after.state.session_id : '')).toBe(true);
    client.close();
    await successor.close();
  });
});
