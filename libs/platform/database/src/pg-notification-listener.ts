import { Client, type ClientConfig, type Notification } from 'pg';

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * LISTEN on one dedicated server connection shared by every channel of a client (a pooled connection would
 * lose its LISTENs when it goes back to the pool). When the connection breaks it reconnects with backoff,
 * listens again and wakes every callback once, since notifications sent in between are lost.
 */
export class PgNotificationListener {
  private readonly callbacks = new Map<string, Set<(payload: string) => void>>();
  private connection: Promise<Client> | null = null;
  private current: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly onError: (error: unknown) => void,
  ) {}

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('the notification listener is closed');
    let set = this.callbacks.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.callbacks.set(channel, set);
    }
    set.add(onNotify);
    if (first) {
      try {
        const client = await this.connect();
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      } catch (error) {
        // The reconnect loop listens again; until then the caller's polling covers.
        this.onError(error);
        this.scheduleReconnect();
      }
    }
    return async () => {
      const current = this.callbacks.get(channel);
      if (!current?.delete(onNotify) || current.size > 0) return;
      this.callbacks.delete(channel);
      const client = await this.connection?.catch(() => null);
      if (client && !this.closed) await client.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(this.onError);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.callbacks.clear();
    const client = await this.connection?.catch(() => null);
    this.connection = null;
    this.current = null;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<Client> {
    this.connection ??= this.open();
    return this.connection;
  }

  private async open(): Promise<Client> {
    const client = new Client(this.config);
    let dead = false;
    client.on('notification', (message: Notification) => {
      for (const callback of this.callbacks.get(message.channel) ?? []) callback(message.payload ?? '');
    });
    const broken = (error?: unknown) => {
      if (dead || this.closed) return;
      dead = true;
      if (error) this.onError(error);
      if (this.current === client) {
        this.current = null;
        this.connection = null;
      }
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', broken);
    client.on('end', () => broken());
    try {
      await client.connect();
    } catch (error) {
      dead = true;
      this.connection = null;
      throw error;
    }
    this.current = client;
    return client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.callbacks.size === 0) return;
    const delay = Math.min(10_000, 100 * 2 ** this.failures);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private async reconnect(): Promise<void> {
    try {
      const client = await this.connect();
      for (const channel of this.callbacks.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      this.failures = 0;
      for (const set of this.callbacks.values()) for (const callback of set) callback('');
    } catch (error) {
      this.failures += 1;
      this.onError(error);
      const client = this.current;
      this.current = null;
      this.connection = null;
      client?.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }
}
