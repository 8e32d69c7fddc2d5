import { FaceEngine } from '@kyc/documents-adapters';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { syntheticMrzDocuments } from '@kyc/documents-testing';
import type { DocumentAnalysisRequest } from './document-analysis';
import { DocumentAnalysisWorker } from './document-analysis-worker';
import { demoPhoto, portraitsOf, printedPortrait, renderDocument } from './testing/analysis-fixtures';

const now = '2025-06-01T00:00:00Z';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/** Lets the worker hand a just-queued request to its process. */
const dispatched = () => new Promise((resolve) => setImmediate(resolve));

describe('DocumentAnalysisWorker (a real child process)', () => {
  const worker = new DocumentAnalysisWorker();
  const [document] = syntheticMrzDocuments({ count: 1, seed: 5, now: new Date(now), formats: ['TD3'] });
  let request: DocumentAnalysisRequest;

  beforeAll(async () => {
    const faces = new FaceEngine();
    await faces.init();
    const [holder] = await portraitsOf(faces, demoPhoto(1));
    request = {
      now,
      documents: [
        {
          doc_id: 'passport',
          declared_type: 'passport',
          mime_type: 'image/png',
          bytes: await renderDocument(document, await printedPortrait(holder)),
        },
      ],
      selfie: { doc_id: 'selfie', mime_type: 'image/jpeg', bytes: holder },
      face_match: { threshold: 0.8, reject_below: 0.2 },
    };
    await worker.start();
  }, 60_000);
  afterAll(() => worker.close());

  it('starts warm, then analyses requests one after another in its own process', async () => {
    const warm = worker.stats();
    expect(warm.pid).not.toBe(process.pid);
    expect(warm.coldStartMs).toBeGreaterThan(0);
    expect(warm.rssAfterWarmUpBytes).toBeGreaterThan(0);
    const [first, second] = await Promise.all([worker.analyse(request), worker.analyse(request)]);
    expect(first.extractions.passport).toMatchObject({
      status: 'extracted',
      document_number: document.data.documentNumber,
      check_digits_valid: true,
    });
    expect(first.face_match).toMatchObject({
      status: 'matched',
      document_id: 'passport',
      selfie_id: 'selfie',
    });
    expect(second).toEqual(first);
    expect(worker.stats()).toMatchObject({ pid: warm.pid, analysed: 2, processesStarted: 1 });
  });

  it('kills the process of an analysis that outlives its timeout, and runs the next in a fresh one', async () => {
    const killed = worker.stats().pid as number;
    expect(await codeOf(worker.analyse(request, { timeoutMs: 50 }))).toBe('analysis_timeout');
    await vi.waitFor(() => expect(isRunning(killed)).toBe(false), { timeout: 5_000 });
    const next = await worker.analyse(request);
    expect(next.extractions.passport.status).toBe('extracted');
    expect(worker.stats()).toMatchObject({ analysed: 1, processesStarted: 2 });
    expect(worker.stats().pid).not.toBe(killed);
  });

  it('fails the running analysis with analysis_crashed when its process is killed, then recovers', async () => {
    const victim = worker.stats().pid as number;
    const running = worker.analyse(request);
    await dispatched();
    process.kill(victim, 'SIGKILL');
    expect(await codeOf(running)).toBe('analysis_crashed');
    const next = await worker.analyse(request);
    expect(next.face_match?.status).toBe('matched');
    expect(worker.stats()).toMatchObject({ analysed: 1, processesStarted: 3 });
  });

  it('closes gracefully: the running analysis finishes, later ones are refused, the process ends', async () => {
    const pid = worker.stats().pid as number;
    const running = worker.analyse(request);
    await dispatched();
    const closed = worker.close();
    expect(await codeOf(worker.analyse(request))).toBe('worker_closed');
    expect((await running).extractions.passport.status).toBe('extracted');
    await closed;
    expect(isRunning(pid)).toBe(false);
    expect(worker.stats().pid).toBeNull();
    expect(await codeOf(worker.start())).toBe('worker_closed');
  });
});

describe('DocumentAnalysisWorker memory guard', () => {
  it('replaces a process whose resident memory is above the limit after an analysis', async () => {
    // Any real process is above one byte: every analysis is followed by a fresh process.
    const worker = new DocumentAnalysisWorker({ recycleAboveRssBytes: 1, engines: { faces: false } });
    try {
      const { pid } = await worker.start();
      const analysis = await worker.analyse({
        now,
        documents: [
          {
            doc_id: 'id-card',
            declared_type: 'id',
            mime_type: 'image/png',
            bytes: await renderDocument(syntheticMrzDocuments({ count: 1, seed: 9, now: new Date(now) })[0]),
          },
        ],
        selfie: null,
        face_match: { threshold: 0.8, reject_below: 0.2 },
      });
      expect(analysis.extractions['id-card'].status).toBe('extracted');
      // Without a face engine the face match is reported, not attempted.
      expect(analysis.face_match).toMatchObject({ status: 'failed', code: 'face_engine_unavailable' });
      const replaced = await worker.start();
      expect(replaced.pid).not.toBe(pid);
      expect(replaced).toMatchObject({ analysed: 0, processesStarted: 2 });
      await vi.waitFor(() => expect(isRunning(pid as number)).toBe(false), { timeout: 5_000 });
    } finally {
      await worker.close();
    }
  }, 30_000);
});

describe('DocumentAnalysisWorker start failures', () => {
  it('fails start and the waiting analyses with worker_start_failed when the process cannot warm up in time', async () => {
    const worker = new DocumentAnalysisWorker({ startTimeoutMs: 1 });
    try {
      expect(await codeOf(worker.start())).toBe('worker_start_failed');
      const request = { now, documents: [], selfie: null, face_match: null };
      const codes = await Promise.all([codeOf(worker.analyse(request)), codeOf(worker.analyse(request))]);
      expect(codes).toEqual(['worker_start_failed', 'worker_start_failed']);
      // A process that never warmed up is not respawned behind the caller's back.
      await vi.waitFor(() => expect(worker.stats()).toMatchObject({ pid: null, processesStarted: 2 }));
    } finally {
      await worker.close();
    }
  });
});
