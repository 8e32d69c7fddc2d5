import 'reflect-metadata';
import { EventRelay, KafkaMessageBus } from '@kyc/messaging';
import { infrastructureProbes, openInfrastructure, runService, startHealthServer } from '@kyc/runtime';

/**
 * Publishes every committed session event to Kafka (topic kyc.session.events.v1, key = session id), from a
 * durable checkpoint that moves only after the broker acknowledged: the event store is the outbox.
 */
runService('event-relay', { mode: 'distributed', require: ['KAFKA_BROKERS'] }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const bus = new KafkaMessageBus({ brokers: config.kafkaBrokers ?? [], clientId: 'kyc-event-relay' });
  const relay = new EventRelay({
    store: infra.store,
    sql: infra.sql,
    bus,
    onError: (error) => logger.warn(error instanceof Error ? error.message : String(error)),
  });
  await relay.start();
  const health = await startHealthServer(config.port, [
    ...infrastructureProbes(infra),
    {
      name: 'relay',
      check: async () => {
        if (!relay.running) throw new Error('the relay loop is not running');
      },
    },
  ]);
  logger.log(`relaying session events to Kafka at ${(config.kafkaBrokers ?? []).join(',')}; health on port ${health.port}`);
  return {
    async close() {
      await health.close();
      await relay.stop();
      await bus.close();
      await infra.close();
    },
  };
});
