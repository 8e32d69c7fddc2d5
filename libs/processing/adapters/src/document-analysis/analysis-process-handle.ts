import { type ChildProcess, fork } from 'node:child_process';
import { extname, join } from 'node:path';
import type { DocumentAnalysisRequest } from './document-analysis';
import { DocumentAnalysisError } from './document-analysis-error';
import type { AnalysisEngineSettings, FromAnalysisProcess, ToAnalysisProcess } from './worker-messages';

/** Running from TypeScript sources, the entry is .ts and the process compiles it as the platform does. */
const ENTRY = join(__dirname, `document-analysis-process${extname(__filename)}`);
/** Enough of the process's error output to say why it died. */
const STDERR_TAIL_CHARS = 4000;

export interface AnalysisProcessOptions {
  engines: AnalysisEngineSettings;
  /** V8 heap limit of the process (`--max-old-space-size`); WASM memory comes on top. */
  maxOldSpaceMb?: number;
  startTimeoutMs: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the process wrote to stderr. */
  stderr: string;
}

export interface WarmProcess {
  /** Resident memory once the engines are started. */
  rssBytes: number;
}

/** One analysis process, from spawn to exit; it knows nothing of requests beyond passing messages. */
export class AnalysisProcessHandle {
  readonly ready: Promise<WarmProcess>;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private stderrTail = '';
  private hasExited = false;
  private warm = false;

  constructor(options: AnalysisProcessOptions, onMessage: (message: FromAnalysisProcess) => void) {
    const execArgv = [
      ...(ENTRY.endsWith('.ts') ? ['-r', require.resolve('@swc-node/register')] : []),
      ...(options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : []),
    ];
    this.child = fork(ENTRY, [JSON.stringify(options.engines)], {
      execArgv,
      // glibc gives each thread (libvips, the OCR thread, the WASM runtime) its own malloc arenas, which hold
      // on to freed memory: two arenas cut the process's resident memory by about 15 % at no measurable cost.
      env: { MALLOC_ARENA_MAX: '2', ...process.env },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      process.stderr.write(chunk);
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.hasExited = true;
        resolve({ code, signal, stderr: this.stderrTail });
      });
    });
    // A failed spawn or a broken channel is followed by 'exit'; listening keeps it from throwing here.
    this.child.on('error', () => undefined);

    let markWarm: (process: WarmProcess) => void = () => undefined;
    let failStart: (error: DocumentAnalysisError) => void = () => undefined;
    this.ready = new Promise<WarmProcess>((resolve, reject) => {
      markWarm = resolve;
      failStart = reject;
    });
    // Nobody may be waiting yet; the failure is still seen by whoever awaits `ready` later.
    this.ready.catch(() => undefined);
    const startTimer = setTimeout(() => {
      failStart(startError(`did not warm up within ${options.startTimeoutMs} ms`));
      void this.kill();
    }, options.startTimeoutMs);
    void this.exited.then((exit) => {
      clearTimeout(startTimer);
      failStart(startError(`exited while starting (${describeExit(exit)})`));
    });
    this.child.on('message', (message: FromAnalysisProcess) => {
      if (message.kind === 'ready') {
        clearTimeout(startTimer);
        this.warm = true;
        markWarm({ rssBytes: message.rss_bytes });
      } else if (message.kind === 'start_failed') {
        // The process exits by itself after saying so.
        clearTimeout(startTimer);
        failStart(startError(`could not start its engines: ${message.message}`));
      } else {
        onMessage(message);
      }
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get alive(): boolean {
    return !this.hasExited;
  }

  /** False when the channel is already closed (the process is dying). */
  send(message: ToAnalysisProcess): boolean {
    if (!this.alive || !this.child.connected) return false;
    this.child.send(message, undefined, undefined, () => undefined);
    return true;
  }

  analyse(id: number, request: DocumentAnalysisRequest): boolean {
    return this.send({ kind: 'analyse', id, request });
  }

  /** SIGKILL: no handler runs, WASM memory and the OCR thread go with the process. */
  async kill(): Promise<ProcessExit> {
    if (this.alive) this.child.kill('SIGKILL');
    return this.exited;
  }

  /**
   * Asks a warm process to close its engines and exit, and kills it if it has not within `graceMs`. One still
   * warming up is killed at once: it holds nothing that needs closing.
   */
  async shutdown(graceMs: number): Promise<ProcessExit> {
    if (!this.warm || !this.send({ kind: 'shutdown' })) return this.kill();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const outcome = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    return outcome === 'late' ? this.kill() : outcome;
  }
}

function startError(what: string): DocumentAnalysisError {
  return new DocumentAnalysisError('worker_start_failed', `The document analysis process ${what}`);
}

export function describeExit(exit: ProcessExit): string {
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
  const stderr = exit.stderr.trim().split('\n').slice(-3).join(' | ');
  return stderr ? `${how}: ${stderr}` : how;
}
