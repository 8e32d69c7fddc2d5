import 'reflect-metadata';
import { ReadModelProjection } from '@kyc/read-model';
import { infrastructureProbes, openInfrastructure, runService, startHealthServer } from '@kyc/runtime';

/** Builds the read model from the event store's global log, resuming from its checkpoint after a restart. */
runService('projections', { mode: 'distributed' }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const projection = new ReadModelProjection(infra.store, infra.readModel, infra.application, (error) =>
    logger.warn(error instanceof Error ? error.message : String(error)),
  );
  await projection.start();
  const health = await startHealthServer(config.port, infrastructureProbes(infra));
  logger.log(`projecting from position ${projection.checkpoint}; health on port ${health.port}`);
  return {
    async close() {
      await health.close();
      await projection.stop();
      await infra.close();
    },
  };
});
