import { createServer, type Server } from 'node:http';
import { runReadinessProbes, type ReadinessProbe } from '@kyc/gateway-http';

/**
 * GET /health (the process is alive) and GET /health/ready (its dependencies answer) for the services that
 * have no REST API of their own, in the API's envelope, for orchestrators' probes.
 */
export async function startHealthServer(
  port: number,
  probes: ReadinessProbe[],
  host = '0.0.0.0',
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return send(405, { status: 'error', error: { code: 'invalid_request', message: 'only GET' } });
    if (request.url === '/health') return send(200, { status: 'success', data: { status: 'ok' } });
    if (request.url !== '/health/ready') return send(404, { status: 'error', error: { code: 'not_found', message: 'not found' } });
    void runReadinessProbes(probes).then((checks) => {
      const failed = checks.filter((check) => !check.ok);
      if (failed.length === 0) return send(200, { status: 'success', data: { status: 'ready', checks } });
      const details = failed.map((check) => ({ field: check.name, issue: check.error ?? 'failed' }));
      return send(503, { status: 'error', error: { code: 'service_unavailable', message: 'not ready', details } });
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
