import 'reflect-metadata';
import { ExpirySweeper } from '@kyc/read-model';
import { infrastructureProbes, openInfrastructure, runService, startHealthServer } from '@kyc/runtime';
import { startSessionCommandServer } from '@kyc/session-command-transport';

/**
 * The write side: answers the gateways' commands (load -> decide -> append with the expected version, so
 * any number of instances write safely side by side) and expires sessions whose TTL passed.
 */
runService('session-service', { mode: 'distributed' }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const commands = await startSessionCommandServer(infra.application, config.sessionCommands);
  const sweeper = new ExpirySweeper(infra.readModel, infra.application, config.sessionExpirySweepSeconds * 1000, (error) =>
    logger.warn(error instanceof Error ? error.message : String(error)),
  );
  sweeper.start();
  const health = await startHealthServer(config.port, infrastructureProbes(infra));
  logger.log(
    `commands on ${config.sessionCommands.host}:${commands.port}; expiring overdue sessions every ${config.sessionExpirySweepSeconds} s; health on port ${health.port}`,
  );
  return {
    async close() {
      await health.close();
      // Answer every command already accepted before the database goes away.
      await commands.close();
      await sweeper.stop();
      await infra.close();
    },
  };
});
