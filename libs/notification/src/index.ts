export { DEFAULT_RETRY_SCHEDULE, nextRetryDelay, type RetrySchedule } from './retry-schedule';
export { WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher';
export {
  WebhookEndpoints,
  type NewWebhookEndpoint,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from './webhook-endpoints';
export { NOTIFICATION_CONSUMER_GROUP, WebhookFanout } from './webhook-fanout';
export { WebhookSecretBox } from './webhook-secret-box';
export { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhook-signature';
export { webhookUrlProblem } from './webhook-target-guard';
export {
  startWebhookNotifications,
  type RunningWebhookNotifications,
  type WebhookNotificationsOptions,
} from './webhook-notifications';
