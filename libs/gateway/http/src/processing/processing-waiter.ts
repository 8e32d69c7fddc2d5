import type { SessionApplication } from '@kyc/session-application';
import type { Session } from '@kyc/session-domain';

const FIRST_POLL_MS = 100;
const MAX_POLL_MS = 500;

export interface FinishedRun {
  session: Session;
  /** Global position of the session's last event, for a read-your-writes wait on the read model. */
  position: bigint;
}

/**
 * Waits until the session's run `run` has finished (results or failure), reading the session's own stream:
 * the processing service records its outcome there, wherever it runs. Null when `waitMs` passes first.
 */
export async function waitForProcessingRun(
  app: SessionApplication,
  sessionId: string,
  run: number,
  waitMs: number,
): Promise<FinishedRun | null> {
  const deadline = Date.now() + waitMs;
  let pause = FIRST_POLL_MS;
  for (;;) {
    const { state, events } = await app.sessions.load(sessionId);
    if (!state.exists || state.deleted) return null;
    if (state.processing.in_flight !== run) return { session: state, position: events[events.length - 1].recorded.position };
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    pause = Math.min(pause * 1.5, MAX_POLL_MS);
  }
}
