import type { DocumentAnalysis, DocumentAnalysisRequest } from './document-analysis';
import { DocumentAnalysisError } from './document-analysis-error';
import { AnalysisProcessHandle, describeExit } from './analysis-process-handle';
import type { AnalysisEngineSettings, FromAnalysisProcess } from './worker-messages';

export interface DocumentAnalysisWorkerOptions {
  /** Hard limit on one analysis, counted from when the process starts on it. Default 60 s. */
  timeoutMs?: number;
  /** Limit on spawning the process and warming its engines. Default 60 s. */
  startTimeoutMs?: number;
  /** How long close() lets the running analysis finish before killing the process. Default 10 s. */
  closeTimeoutMs?: number;
  /**
   * V8 heap limit of the process, in MiB (`--max-old-space-size`): a runaway parse fails that process, not
   * the service. The engines' memory is WASM and native, outside this heap (which stays under 100 MiB).
   * Default 512.
   */
  maxOldSpaceMb?: number;
  /**
   * The process is replaced after an analysis that leaves its resident memory above this. WASM memory (face
   * and OCR engines) grows with the largest image seen and is never given back, so this is how it is bounded.
   * Default 1 GiB.
   */
  recycleAboveRssBytes?: number;
  engines?: AnalysisEngineSettings;
}

export interface AnalyseOptions {
  /** Overrides the worker's timeout for this request. */
  timeoutMs?: number;
}

export interface DocumentAnalysisWorkerStats {
  /** The current process, or null when none is running. */
  pid: number | null;
  /** Spawn to engines warm, for the current process, measured here. */
  coldStartMs: number | null;
  /** Resident memory of the current process once warm, and after its latest analysis. */
  rssAfterWarmUpBytes: number | null;
  rssBytes: number | null;
  /** Analyses the current process has completed. */
  analysed: number;
  /** Processes started so far, replacements included. */
  processesStarted: number;
}

interface Job {
  id: number;
  request: DocumentAnalysisRequest;
  timeoutMs: number;
  resolve: (analysis: DocumentAnalysis) => void;
  reject: (error: DocumentAnalysisError) => void;
}

interface Running {
  job: Job;
  process: AnalysisProcessHandle;
  timer: NodeJS.Timeout;
  /** Resolves once the job is settled, whichever way. */
  settled: Promise<void>;
  markSettled: () => void;
}

interface ProcessState {
  handle: AnalysisProcessHandle;
  /** Its start failed: it is being killed and will never run an analysis. */
  startFailed: boolean;
  coldStartMs: number | null;
  rssAfterWarmUpBytes: number | null;
  rssBytes: number | null;
  analysed: number;
}

const DEFAULTS = {
  timeoutMs: 60_000,
  startTimeoutMs: 60_000,
  closeTimeoutMs: 10_000,
  maxOldSpaceMb: 512,
  recycleAboveRssBytes: 2 ** 30,
};

/**
 * Analyses identity documents and selfies in a separate process holding warm engines, so that a hostile or
 * pathological file can at worst cost that process: one analysis at a time (the others wait in order), each
 * under a hard timeout after which the process is killed; a process that dies (out of memory, a native crash)
 * fails only the analysis it was running, and a fresh one takes its place.
 */
export class DocumentAnalysisWorker {
  private readonly settings: typeof DEFAULTS & DocumentAnalysisWorkerOptions;
  private current: ProcessState | null = null;
  private readonly queue: Job[] = [];
  private running: Running | null = null;
  /** Set while an analysis waits for the process to be warm. */
  private dispatching = false;
  private nextId = 1;
  private processesStarted = 0;
  private closing: Promise<void> | null = null;

  constructor(options: DocumentAnalysisWorkerOptions = {}) {
    this.settings = { ...DEFAULTS, ...options };
  }

  /**
   * Spawns the process and warms its engines, so that the first analysis does not pay for it; resolves once
   * it is ready. Optional: the first analysis starts it otherwise.
   *
   * @throws DocumentAnalysisError worker_start_failed, worker_closed
   */
  async start(): Promise<DocumentAnalysisWorkerStats> {
    if (this.closing) throw closedError();
    await this.warmProcess().handle.ready;
    return this.stats();
  }

  /**
   * @throws DocumentAnalysisError analysis_timeout, analysis_crashed, analysis_failed, invalid_request,
   *   worker_start_failed or worker_closed. Bad files are not errors: they are results with codes.
   */
  analyse(request: DocumentAnalysisRequest, options: AnalyseOptions = {}): Promise<DocumentAnalysis> {
    if (this.closing) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        request,
        timeoutMs: options.timeoutMs ?? this.settings.timeoutMs,
        resolve,
        reject,
      });
      void this.pump();
    });
  }

  stats(): DocumentAnalysisWorkerStats {
    const current = this.current;
    return {
      pid: current?.handle.alive ? current.handle.pid : null,
      coldStartMs: current?.coldStartMs ?? null,
      rssAfterWarmUpBytes: current?.rssAfterWarmUpBytes ?? null,
      rssBytes: current?.rssBytes ?? null,
      analysed: current?.analysed ?? 0,
      processesStarted: this.processesStarted,
    };
  }

  /**
   * Refuses new analyses and drops the waiting ones (worker_closed), lets the running one finish for up to
   * `closeTimeoutMs`, then stops the process, killing it if it does not exit by itself.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(closedError());
    const running = this.running;
    if (running) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, this.settings.closeTimeoutMs)),
      );
      await Promise.race([running.settled, late]);
      clearTimeout(timer);
      this.settle(running, (job) => job.reject(closedError('before the running analysis finished')));
    }
    const current = this.current;
    this.current = null;
    await current?.handle.shutdown(this.settings.closeTimeoutMs);
  }

  /** The live process, spawning one when there is none. */
  private warmProcess(): ProcessState {
    if (this.current?.handle.alive && !this.current.startFailed) return this.current;
    const spawnedAt = performance.now();
    const handle = new AnalysisProcessHandle(
      {
        engines: this.settings.engines ?? {},
        maxOldSpaceMb: this.settings.maxOldSpaceMb,
        startTimeoutMs: this.settings.startTimeoutMs,
      },
      (message) => this.onResult(handle, message),
    );
    const state: ProcessState = {
      handle,
      startFailed: false,
      coldStartMs: null,
      rssAfterWarmUpBytes: null,
      rssBytes: null,
      analysed: 0,
    };
    this.processesStarted++;
    this.current = state;
    handle.ready.then(
      (warm) => {
        state.coldStartMs = performance.now() - spawnedAt;
        state.rssAfterWarmUpBytes = warm.rssBytes;
        state.rssBytes = warm.rssBytes;
      },
      () => (state.startFailed = true),
    );
    void handle.exited.then((exit) => this.onExit(state, describeExit(exit)));
    return state;
  }

  /** Hands the next waiting analysis to the process once it is free and warm. */
  private async pump(): Promise<void> {
    if (this.dispatching || this.running || this.closing || this.queue.length === 0) return;
    this.dispatching = true;
    let requeued = false;
    try {
      const state = this.warmProcess();
      try {
        await state.handle.ready;
      } catch (error) {
        // Everyone waiting was waiting for this process; a later analysis will try a new one.
        for (const job of this.queue.splice(0)) job.reject(error as DocumentAnalysisError);
        return;
      }
      const job = this.queue.shift();
      if (!job || this.closing) return;
      if (!state.handle.analyse(job.id, job.request)) {
        // The process died after warming up and before the job reached it: the job never ran.
        this.queue.unshift(job);
        requeued = true;
        return;
      }
      let markSettled: () => void = () => undefined;
      const settled = new Promise<void>((resolve) => (markSettled = resolve));
      const timer = setTimeout(() => this.onTimeout(job), job.timeoutMs);
      this.running = { job, process: state.handle, timer, settled, markSettled };
    } finally {
      this.dispatching = false;
    }
    if (requeued) void this.pump();
  }

  private onResult(handle: AnalysisProcessHandle, message: FromAnalysisProcess): void {
    const running = this.running;
    if (message.kind !== 'analysed' && message.kind !== 'analysis_failed') return;
    if (!running || running.process !== handle || message.id !== running.job.id) return;
    const state = this.current;
    if (state?.handle === handle) {
      state.rssBytes = message.rss_bytes;
      state.analysed++;
    }
    this.settle(running, (job) =>
      message.kind === 'analysed'
        ? job.resolve(message.analysis)
        : job.reject(new DocumentAnalysisError(message.code, message.message)),
    );
    if (message.rss_bytes > this.settings.recycleAboveRssBytes && state?.handle === handle && !this.closing) {
      this.replace(state);
    }
    void this.pump();
  }

  private onTimeout(job: Job): void {
    const running = this.running;
    if (!running || running.job !== job) return;
    this.settle(running, (timedOut) =>
      timedOut.reject(
        new DocumentAnalysisError(
          'analysis_timeout',
          `The document analysis took longer than ${timedOut.timeoutMs} ms; its process was killed`,
        ),
      ),
    );
    const state = this.current;
    if (state?.handle === running.process) this.replace(state);
    else void running.process.kill();
    void this.pump();
  }

  private onExit(state: ProcessState, how: string): void {
    const running = this.running;
    if (running?.process === state.handle) {
      this.settle(running, (job) =>
        job.reject(
          new DocumentAnalysisError(
            this.closing ? 'worker_closed' : 'analysis_crashed',
            `The document analysis process died during the analysis (${how})`,
          ),
        ),
      );
    }
    if (this.current === state) {
      this.current = null;
      // A process that never warmed up is not replaced here, or a broken installation would respawn forever.
      if (state.coldStartMs !== null && !this.closing) this.warmProcess();
    }
    void this.pump();
  }

  /** Kills the process and starts a fresh one at once, so that the next analysis finds it warm. */
  private replace(state: ProcessState): void {
    this.current = null;
    void state.handle.kill();
    this.warmProcess();
  }

  private settle(running: Running, outcome: (job: Job) => void): void {
    if (this.running !== running) return;
    clearTimeout(running.timer);
    this.running = null;
    outcome(running.job);
    running.markSettled();
  }
}

function closedError(when = 'before the analysis ran'): DocumentAnalysisError {
  return new DocumentAnalysisError('worker_closed', `The document analysis worker was closed ${when}`);
}
