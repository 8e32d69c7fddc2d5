import { randomUUID } from 'node:crypto';
import type { SessionApplication } from '@kyc/session-application';
import { SessionDomainError } from '@kyc/session-domain';
import type { ReadModelClient } from '../prisma-client';

const EXPIRING_STATUSES = ['draft', 'active', 'awaiting_client_correction'];
const BATCH = 200;

/**
 * Appends SessionExpired to sessions whose TTL has passed. The read model finds candidates cheaply; the
 * aggregate decides (a session extended meanwhile is refused and skipped), so running two sweepers is safe.
 */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: ReadModelClient,
    private readonly app: SessionApplication,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweepOnce().catch(this.onError), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Expires every overdue session once; returns how many it expired. */
  sweepOnce(now: Date = this.clock()): Promise<number> {
    this.running ??= this.sweep(now).finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(now: Date): Promise<number> {
    const nowSeconds = BigInt(Math.floor(now.getTime() / 1000));
    let expired = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const due = await this.db.sessionView.findMany({
        where: { status: { in: EXPIRING_STATUSES }, expiresAt: { lte: nowSeconds }, sessionId: { gt: after } },
        select: { sessionId: true, tenantId: true },
        orderBy: { sessionId: 'asc' },
        take: BATCH,
      });
      for (const row of due) {
        try {
          const result = await this.app.sessions.handle(
            row.sessionId,
            { type: 'ExpireSession' },
            { actor: { type: 'system', id: 'expiry-sweeper' }, tenant_id: row.tenantId, correlation_id: randomUUID() },
          );
          if (result.events.length > 0) expired++;
        } catch (error) {
          if (!(error instanceof SessionDomainError)) throw error;
        }
      }
      if (due.length < BATCH) return expired;
      after = due[due.length - 1].sessionId;
    }
  }
}
