import 'reflect-metadata';
import { KafkaMessageBus } from '@kyc/messaging';
import {
  infrastructureProbes,
  openInfrastructure,
  openProcessing,
  openScreening,
  runService,
  startHealthServer,
  startProcessingConsumer,
} from '@kyc/runtime';
import { RemoteSessionCommands } from '@kyc/session-command-transport';

/**
 * Processing: consumes the session events (group kyc-processing) and processes every run requested — document
 * extraction and face match in a child process with a hard timeout, cross-validation, screening, web checks,
 * risk and decision — recording each outcome through the session service. Scale out by partitions.
 */
runService(
  'processing-service',
  { mode: 'distributed', require: ['SESSION_SERVICE_ADDRESS', 'KAFKA_BROKERS'] },
  async (config, logger) => {
    const infra = await openInfrastructure(config);
    const commands = new RemoteSessionCommands({ ...config.sessionService!, timeoutMs: config.sessionCommandTimeoutMs });
    const screening = openScreening(config);
    const processing = openProcessing(config, infra, screening, commands);
    // Pay the engines' cold start now rather than on the first session.
    await processing.analyser.start();
    const bus = new KafkaMessageBus({ brokers: config.kafkaBrokers!, clientId: 'kyc-processing-service' });
    const consumer = await startProcessingConsumer(bus, processing);
    const health = await startHealthServer(config.port, [
      ...infrastructureProbes(infra),
      { name: 'session_service', check: () => commands.ping() },
      { name: 'sanctions_lists', check: async () => void (await screening.catalog.lists()) },
    ]);
    logger.log(`processing requested runs from Kafka (group kyc-processing); health on port ${health.port}`);
    return {
      async close() {
        await health.close();
        await consumer.close();
        await bus.close();
        await processing.close();
        commands.close();
        await infra.close();
      },
    };
  },
);
