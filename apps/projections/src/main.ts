import 'reflect-metadata';
import { KafkaMessageBus } from '@kyc/messaging';
import { ReadModelProjection, SessionTopicProjection } from '@kyc/read-model';
import { infrastructureProbes, openInfrastructure, runService, startHealthServer } from '@kyc/runtime';

/**
 * Builds the read model. By default from the event store's global log, resuming from its checkpoint after a
 * restart. With PROJECTION_SOURCE=topic the sessions' rows come from the Kafka topic of session events
 * instead (consumer group kyc-projections: run one process per partition to scale out), and the workflows
 * still from the event store.
 */
runService('projections', { mode: 'distributed' }, async (config, logger) => {
  const infra = await openInfrastructure(config);
  const warn = (error: unknown) => logger.warn(error instanceof Error ? error.message : String(error));
  const fromTopic = config.projectionSource === 'topic';
  const projection = new ReadModelProjection(infra.store, infra.readModel, infra.application, warn, { sessions: !fromTopic });
  await projection.start();
  const bus = fromTopic ? new KafkaMessageBus({ brokers: config.kafkaBrokers!, clientId: 'kyc-projections' }) : null;
  const sessions = bus ? new SessionTopicProjection(bus, infra.readModel, infra.application) : null;
  await sessions?.start();
  const health = await startHealthServer(config.port, infrastructureProbes(infra));
  logger.log(
    `${fromTopic ? 'sessions from Kafka (group kyc-projections), workflows' : 'projecting'} from position ${projection.checkpoint}; health on port ${health.port}`,
  );
  return {
    async close() {
      await health.close();
      await sessions?.stop();
      await bus?.close();
      await projection.stop();
      await infra.close();
    },
  };
});
