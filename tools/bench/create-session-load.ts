/**
 * Open-loop load of POST /kyc/sessions from a process of its own, so that the load generator neither competes
 * with the measuring process for its event loop nor waits for answers before sending the next request:
 * request i leaves at start + i / rate whatever happened to the earlier ones.
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface CreateSessionLoadOptions {
  url: string;
  apiKey: string;
  /** The JSON body of every request. */
  body: unknown;
  /** Requests per second. */
  rate: number;
  seconds: number;
}

export interface RequestOutcome {
  /** When the request was due, epoch ms (fractional). */
  dueAt: number;
  /** 0 when no answer came (connection error). */
  status: number;
  /** From the moment the request was due, so a generator running late does not hide the wait. */
  latencyMs: number;
  /** The created session's id, when the answer was a 201. */
  sessionId: string | null;
  /** Why no (complete) answer came: the network error's code. */
  error: string | null;
}

export interface CreateSessionLoadReport {
  outcomes: RequestOutcome[];
  /** From the first request's due time to the last answer. */
  elapsedMs: number;
  /** How much later than due the generator sent its most delayed request (its own lateness). */
  maxSendDelayMs: number;
}

/** Runs the load in a child process and resolves to what it measured. */
export function runCreateSessionLoad(options: CreateSessionLoadOptions): Promise<CreateSessionLoadReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { cwd: ROOT, execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: CreateSessionLoadReport | undefined;
    child.once('message', (message) => (report = message as CreateSessionLoadReport));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (report) resolve(report);
      else reject(new Error(`the load generator ended without a report (exit code ${code}, signal ${signal})`));
    });
    child.send(options);
  });
}

async function generate(options: CreateSessionLoadOptions): Promise<CreateSessionLoadReport> {
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const body = JSON.stringify(options.body);
  // node:http rather than fetch: a fraction of the CPU per request, which this machine's apps need more.
  const agent = new Agent({ keepAlive: true });
  const requestOptions = {
    method: 'POST',
    agent,
    headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  };
  const outcomes: RequestOutcome[] = [];
  const inFlight: Promise<void>[] = [];
  let maxSendDelayMs = 0;

  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      let answered = false;
      // Once per request, though a broken answer can raise an error on both the request and the response.
      const done = (outcome: Omit<RequestOutcome, 'dueAt' | 'latencyMs'>) => {
        if (answered) return;
        answered = true;
        outcomes.push({ ...outcome, dueAt: epochOffset + dueAt, latencyMs: performance.now() - dueAt });
        resolve();
      };
      const req = request(options.url, requestOptions, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, sessionId: null, error: error.code ?? error.message }));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const sessionId = status === 201 ? (JSON.parse(Buffer.concat(chunks).toString()) as { data: { session_id: string } }).data.session_id : null;
          done({ status, sessionId, error: null });
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, sessionId: null, error: error.code ?? error.message }));
      req.end(body);
    });

  const start = performance.now();
  const epochOffset = Date.now() - start;
  for (let sent = 0; sent < total; ) {
    const now = performance.now();
    const due = Math.min(total, Math.floor((now - start) / intervalMs) + 1);
    for (; sent < due; sent++) {
      const dueAt = start + sent * intervalMs;
      maxSendDelayMs = Math.max(maxSendDelayMs, now - dueAt);
      inFlight.push(send(dueAt));
    }
    if (sent < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + sent * intervalMs - performance.now())));
  }
  await Promise.all(inFlight);
  return { outcomes, elapsedMs: performance.now() - start, maxSendDelayMs };
}

if (require.main === module) {
  // The bench that started this load is gone (interrupted or crashed): stop loading the platform.
  process.once('disconnect', () => process.exit(1));
  process.once('message', (options) => {
    void generate(options as CreateSessionLoadOptions).then(
      // Exit once the report is out: the idle keep-alive sockets would keep the process alive.
      (report) => process.send?.(report, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
