import 'reflect-metadata';
import { KafkaMessageBus } from '@kyc/messaging';
import {
  infrastructureProbes,
  openInfrastructure,
  openScreening,
  runService,
  startAutoValidation,
  startHealthServer,
  startListMonitoring,
} from '@kyc/runtime';
import { RemoteSessionCommands } from '@kyc/session-command-transport';

/**
 * Screening in the background. Ongoing monitoring: reads the sanctions list files on a schedule
 * (SCREENING_REFRESH_SECONDS) and re-screens the approved sessions against every new list version. With
 * KAFKA_BROKERS, automatic validation too: consumes the session events (group kyc-validation) and screens each
 * session completed under an auto_process workflow. Results go to the session service as commands. Safe to run
 * several (a session never records the same hit or run twice).
 */
runService('validation-service', { mode: 'distributed', require: ['SESSION_SERVICE_ADDRESS'] }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const address = config.sessionService!;
  const commands = new RemoteSessionCommands({ ...address, timeoutMs: config.sessionCommandTimeoutMs });
  const screening = openScreening(config);
  const monitoring = startListMonitoring(screening, infra, commands, config, logger);
  const bus = config.kafkaBrokers ? new KafkaMessageBus({ brokers: config.kafkaBrokers, clientId: 'kyc-validation-service' }) : null;
  const autoValidation = bus ? await startAutoValidation(bus, screening, infra, commands) : null;
  const health = await startHealthServer(config.port, [
    ...infrastructureProbes(infra),
    { name: 'session_service', check: () => commands.ping() },
    { name: 'sanctions_lists', check: async () => void (await screening.catalog.lists()) },
  ]);
  logger.log(
    `monitoring ${Object.keys(config.screening.lists).join(', ')} every ${config.screening.refreshSeconds} s; ` +
      `${bus ? 'validating completed auto_process sessions from Kafka' : 'no KAFKA_BROKERS: no automatic validation'}; health on port ${health.port}`,
  );
  return {
    async close() {
      await health.close();
      await autoValidation?.close();
      await bus?.close();
      await monitoring.stop();
      commands.close();
      await infra.close();
    },
  };
});
