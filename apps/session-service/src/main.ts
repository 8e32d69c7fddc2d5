import 'reflect-metadata';
import { ExpirySweeper } from '@kyc/read-model';
import { infrastructureProbes, openInfrastructure, runService, startHealthServer } from '@kyc/runtime';

/**
 * The session service's background work: expiring sessions whose TTL passed. (Gateways decide and append
 * commands themselves through the same application layer; every append carries an expected version, so
 * any number of them and this service write safely side by side.)
 */
runService('session-service', { mode: 'distributed' }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const sweeper = new ExpirySweeper(infra.readModel, infra.application, config.sessionExpirySweepSeconds * 1000, (error) =>
    logger.warn(error instanceof Error ? error.message : String(error)),
  );
  sweeper.start();
  const health = await startHealthServer(config.port, infrastructureProbes(infra));
  logger.log(`expiring overdue sessions every ${config.sessionExpirySweepSeconds} s; health on port ${health.port}`);
  return {
    async close() {
      await health.close();
      await sweeper.stop();
      await infra.close();
    },
  };
});
