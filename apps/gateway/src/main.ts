import 'reflect-metadata';
import { CheckpointPollingConsistency } from '@kyc/read-model';
import { openInfrastructure, runService, startGatewayServer } from '@kyc/runtime';

/**
 * The REST gateway on its own (stateless: run as many as needed behind a load balancer). Commands are
 * decided and appended here; the projections service builds the read model it queries.
 */
runService('gateway', { mode: 'distributed' }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const gateway = await startGatewayServer(infra, config, { consistency: new CheckpointPollingConsistency(infra.readModel) });
  logger.log(`listening on port ${config.port}; API docs at ${config.publicBaseUrl}/docs`);
  return {
    async close() {
      await gateway.close();
      await infra.close();
    },
  };
});
