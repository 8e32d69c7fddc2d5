import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  json: Record<string, unknown>;
}

/**
 * A tenant's webhook endpoint on loopback: records every request and answers with the status `answer`
 * chooses for it (200 unless told otherwise), or never answers ('hang').
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: ReceivedWebhook, index: number) => number | 'hang' = () => 200;
  private readonly server = createServer((request, response) => this.handle(request, response));

  private constructor() {}

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The requests that carried this event type, for this session. */
  of(sessionId: string, type?: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json['session_id'] === sessionId && (type === undefined || r.json['type'] === type));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received = { path: request.url ?? '/', headers: request.headers, body, json: JSON.parse(body || '{}') };
      const status = this.answer(received, this.received.push(received) - 1);
      if (status === 'hang') return;
      response.statusCode = status;
      response.end('ok');
    });
  }
}
