import 'reflect-metadata';
import { KafkaMessageBus } from '@kyc/messaging';
import { startWebhookNotifications } from '@kyc/notification';
import { infrastructureProbes, openInfrastructure, runService, startHealthServer } from '@kyc/runtime';

/**
 * Webhooks: consumes the session events from Kafka (consumer group kyc-notification), turns each into one
 * delivery per matching endpoint (idempotently: a redelivered event enqueues nothing twice) and sends them,
 * signed, with retries. Run several: Kafka shares the partitions, the database shares the deliveries.
 */
runService('notification-service', { mode: 'distributed', require: ['KAFKA_BROKERS'] }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const bus = new KafkaMessageBus({ brokers: config.kafkaBrokers ?? [], clientId: 'kyc-notification-service' });
  const notifications = await startWebhookNotifications({
    db: infra.readModel,
    bus,
    masterKey: config.masterKey,
    allowPrivateTargets: config.webhookAllowPrivateTargets,
    onError: (error) => logger.warn(error instanceof Error ? error.message : String(error)),
  });
  const health = await startHealthServer(config.port, infrastructureProbes(infra));
  logger.log(`delivering webhooks for the session events on Kafka at ${(config.kafkaBrokers ?? []).join(',')}; health on port ${health.port}`);
  return {
    async close() {
      await health.close();
      await notifications.stop();
      await bus.close();
      await infra.close();
    },
  };
});
