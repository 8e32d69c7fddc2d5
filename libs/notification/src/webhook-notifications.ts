import type { MessageBus } from '@kyc/messaging';
import type { ReadModelClient } from '@kyc/read-model';
import type { RetrySchedule } from './retry-schedule';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookFanout } from './webhook-fanout';
import { WebhookSecretBox } from './webhook-secret-box';

export interface WebhookNotificationsOptions {
  db: ReadModelClient;
  bus: MessageBus;
  masterKey: Buffer;
  allowPrivateTargets: boolean;
  schedule?: RetrySchedule;
  onError?: (error: unknown) => void;
}

export interface RunningWebhookNotifications {
  dispatcher: WebhookDispatcher;
  /** Stops consuming, then finishes the attempts in flight. */
  stop(): Promise<void>;
}

/** The notification service's work: fan session events out to webhook deliveries, and send them. */
export async function startWebhookNotifications(options: WebhookNotificationsOptions): Promise<RunningWebhookNotifications> {
  const dispatcher = new WebhookDispatcher({
    db: options.db,
    secrets: new WebhookSecretBox(options.masterKey),
    allowPrivateTargets: options.allowPrivateTargets,
    schedule: options.schedule,
    onError: options.onError,
  });
  const subscription = await new WebhookFanout(options.db, () => dispatcher.wake()).subscribe(options.bus);
  dispatcher.start();
  return {
    dispatcher,
    async stop() {
      await subscription.close();
      await dispatcher.stop();
    },
  };
}
