import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModelProjection, type ReadModelClient } from '@kyc/read-model';
import type { CommandOrigin } from '@kyc/session-application';
import { BASIC_WORKFLOW } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

const SESSIONS = 40;

/**
 * A read-model client that "crashes" on the N-th checkpoint write: the rows of that batch were already
 * written in the same transaction, which must therefore roll back with it. After the crash every further
 * transaction fails too, as in a dead process.
 */
function crashingClient(db: ReadModelClient, crashAt: number): { client: ReadModelClient; crashed: Promise<void> } {
  let checkpoints = 0;
  let dead = false;
  let signal!: () => void;
  const crashed = new Promise<void>((resolve) => (signal = resolve));
  const client = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== '$transaction') return Reflect.get(target, property, receiver);
      return (work: (tx: unknown) => Promise<unknown>) => {
        if (dead) return Promise.reject(new Error('process is gone'));
        return target.$transaction((tx) =>
          work(
            new Proxy(tx, {
              get(txTarget, txProperty, txReceiver) {
                if (txProperty !== 'projectionCheckpoint') return Reflect.get(txTarget, txProperty, txReceiver);
                return {
                  upsert: (args: never) => {
                    if (++checkpoints === crashAt) {
                      dead = true;
                      signal();
                      throw new Error('killed between the row write and the checkpoint');
                    }
                    return txTarget.projectionCheckpoint.upsert(args);
                  },
                };
              },
            }),
          ),
        );
      };
    },
  });
  return { client, crashed };
}

async function snapshot(db: ReadModelClient) {
  const sessions = await db.sessionView.findMany({ orderBy: { sessionId: 'asc' } });
  const workflows = await db.workflowVersion.findMany({ orderBy: [{ workflowId: 'asc' }, { version: 'asc' }] });
  return { sessions, workflows };
}

describe('read-model projection: crash and restart', () => {
  let platform: TestPlatform;
  const tenantId = randomUUID();
  const origin: CommandOrigin = { actor: { type: 'system', id: 'test' }, tenant_id: tenantId, correlation_id: randomUUID() };

  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`projection restart test on ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  it('resumes from its checkpoint after a crash mid-stream and converges to a full rebuild', async () => {
    const workflowId = randomUUID();
    await platform.application.workflows.handle(
      workflowId,
      { type: 'CreateWorkflow', workflow_id: workflowId, tenant_id: tenantId, body: BASIC_WORKFLOW },
      origin,
    );
    /** Returns the position of the last append: the store's readable head can trail it on a busy server. */
    const createSessions = async (count: number): Promise<bigint> => {
      let last = 0n;
      for (let i = 0; i < count; i++) {
        const created = await platform.application.createSession({ workflow_id: workflowId, customer_id: `c${i}` }, origin);
        if (!created.state.exists) throw new Error('not created');
        last = created.position ?? last;
        if (i % 3 === 0) {
          const updated = await platform.application.sessions.handle(created.state.session_id, { type: 'UpdateReview', priority: 'high' }, origin);
          last = updated.position ?? last;
        }
      }
      return last;
    };
    // Half the stream is projected and checkpointed, then the projection goes down.
    const firstHalf = await createSessions(SESSIONS / 2);
    expect(await platform.projection.waitFor(firstHalf, 30_000)).toBe(true);
    await platform.projection.stop();
    const checkpointBefore = (await platform.readModel.projectionCheckpoint.findUnique({ where: { name: 'read-model' } }))?.position;

    // The write side keeps appending; the next projection run dies inside its first transaction.
    const head = await createSessions(SESSIONS / 2);
    const crash = crashingClient(platform.readModel, 1);
    const doomed = new ReadModelProjection(platform.store, crash.client, platform.application);
    await doomed.start();
    await crash.crashed;
    await doomed.stop();
    const afterCrash = await platform.readModel.projectionCheckpoint.findUnique({ where: { name: 'read-model' } });
    expect(afterCrash?.position).toBe(checkpointBefore);
    expect(BigInt(afterCrash?.position ?? '0')).toBeLessThan(head);
    // The rows written before the crash rolled back with the checkpoint.
    expect(await platform.readModel.sessionView.count()).toBe(SESSIONS / 2);

    // Restart from the committed checkpoint.
    const restarted = new ReadModelProjection(platform.store, platform.readModel, platform.application);
    await restarted.start();
    expect(await restarted.waitFor(head, 30_000)).toBe(true);
    await restarted.stop();
    const resumed = await snapshot(platform.readModel);
    expect(resumed.sessions).toHaveLength(SESSIONS);
    expect(resumed.sessions.filter((s) => s.priority === 'high')).toHaveLength(Math.ceil(SESSIONS / 3));

    // A full rebuild from position 0 yields exactly the same rows.
    await platform.readModel.sessionView.deleteMany();
    await platform.readModel.workflowVersion.deleteMany();
    await platform.readModel.projectionCheckpoint.deleteMany();
    const rebuild = new ReadModelProjection(platform.store, platform.readModel, platform.application);
    await rebuild.start();
    expect(await rebuild.waitFor(head, 30_000)).toBe(true);
    await rebuild.stop();
    expect(await snapshot(platform.readModel)).toEqual(resumed);
  });

  it('records a stream it cannot write in projection_failures and keeps projecting the others', async () => {
    const workflowId = randomUUID();
    await platform.application.workflows.handle(
      workflowId,
      { type: 'CreateWorkflow', workflow_id: workflowId, tenant_id: tenantId, body: BASIC_WORKFLOW },
      origin,
    );
    const healthy0 = await platform.application.createSession({ workflow_id: workflowId }, origin);
    if (!healthy0.state.exists) throw new Error('not created');
    // A session whose access token collides with another's: its row violates the read model's unique index.
    const workflow = await platform.application.findWorkflow(tenantId, workflowId);
    const poisonId = randomUUID();
    const poison = await platform.application.sessions.handle(
      poisonId,
      {
        type: 'CreateSession',
        session_id: poisonId,
        tenant_id: tenantId,
        workflow: workflow!.versions[0],
        ttl_days: null,
        metadata: {},
        customer_id: null,
        priority: 'medium',
        assigned_to: null,
        activate: true,
        access_token: healthy0.state.access_token,
        parent: null,
      },
      origin,
    );
    const healthy = await platform.application.createSession({ workflow_id: workflowId, customer_id: 'fine' }, origin);
    if (!poison.state.exists || !healthy.state.exists || healthy.position === null) throw new Error('not created');
    const projection = new ReadModelProjection(platform.store, platform.readModel, platform.application);
    await projection.start();
    try {
      expect(await projection.waitFor(healthy.position, 30_000)).toBe(true);
    } finally {
      await projection.stop();
    }
    expect(await platform.readModel.sessionView.count({ where: { sessionId: healthy.state.session_id } })).toBe(1);
    expect(await platform.readModel.sessionView.count({ where: { sessionId: poison.state.session_id } })).toBe(0);
    const failure = await platform.readModel.projectionFailure.findUnique({
      where: { projection_streamId: { projection: 'read-model', streamId: `session-${poison.state.session_id}` } },
    });
    expect(failure?.position).toBe(poison.position?.toString());
    expect(failure?.error).toMatch(/unique|access_token/i);
  }, 60_000);
});
