import 'reflect-metadata';
import { CheckpointPollingConsistency, SessionRowConsistency } from '@kyc/read-model';
import { openInfrastructure, runService, startGatewayServer } from '@kyc/runtime';
import { RemoteSessionCommands } from '@kyc/session-command-transport';

/**
 * The REST gateway on its own (stateless: run as many as needed behind a load balancer). Commands go to the
 * session service and wait for its answer; reads come from the read model and the event store.
 */
runService('gateway', { mode: 'distributed', require: ['SESSION_SERVICE_ADDRESS'] }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const address = config.sessionService!;
  const commands = new RemoteSessionCommands({ ...address, timeoutMs: config.sessionCommandTimeoutMs });
  const gateway = await startGatewayServer(infra, config, {
    commands,
    consistency:
      config.projectionSource === 'topic'
        ? new SessionRowConsistency(infra.store, infra.readModel)
        : new CheckpointPollingConsistency(infra.readModel),
    probes: [{ name: 'session_service', check: () => commands.ping() }],
  });
  logger.log(`listening on port ${config.port}, commands to ${address.host}:${address.port}; API docs at ${config.publicBaseUrl}/docs`);
  return {
    async close() {
      await gateway.close();
      commands.close();
      await infra.close();
    },
  };
});
