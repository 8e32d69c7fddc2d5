import 'reflect-metadata';
import { KafkaMessageBus } from '@kyc/messaging';
import {
  infrastructureProbes,
  openInfrastructure,
  openScreening,
  runService,
  startHealthServer,
  startApprovalRescreening,
  startListMonitoring,
} from '@kyc/runtime';
import { RemoteSessionCommands } from '@kyc/session-command-transport';

/**
 * Ongoing monitoring: reads the sanctions list files on a schedule (SCREENING_REFRESH_SECONDS) and re-screens
 * the approved sessions against every new list version, and, as a consumer of the session events (group
 * kyc-validation), screens each session approved against the lists published since its validation; hits go to
 * the session service as commands. Safe to run several (a session never records the same hit twice). Screening
 * on completion is part of processing.
 */
runService('validation-service', { mode: 'distributed', require: ['SESSION_SERVICE_ADDRESS', 'KAFKA_BROKERS'] }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const address = config.sessionService!;
  const commands = new RemoteSessionCommands({ ...address, timeoutMs: config.sessionCommandTimeoutMs });
  const screening = openScreening(config);
  const monitoring = startListMonitoring(screening, infra, commands, config, logger);
  const bus = new KafkaMessageBus({ brokers: config.kafkaBrokers!, clientId: 'kyc-validation-service' });
  const approvals = await startApprovalRescreening(bus, screening, infra, commands, logger);
  const health = await startHealthServer(config.port, [
    ...infrastructureProbes(infra),
    { name: 'session_service', check: () => commands.ping() },
    { name: 'sanctions_lists', check: async () => void (await screening.catalog.lists()) },
  ]);
  logger.log(
    `monitoring ${Object.keys(config.screening.lists).join(', ')} every ${config.screening.refreshSeconds} s and approvals from Kafka (group kyc-validation); health on port ${health.port}`,
  );
  return {
    async close() {
      await health.close();
      await approvals.close();
      await bus.close();
      await monitoring.stop();
      commands.close();
      await infra.close();
    },
  };
});
