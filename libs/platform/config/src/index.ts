export {
  loadConfig,
  redactConfig,
  MASTER_KEY_FILE,
  URL_SIGNING_SECRET_FILE,
  type AppConfig,
  type LoadConfigOptions,
  type OptionalVariable,
  type RunMode,
  type SecretSource,
} from './load-config';
export { ConfigError, type ConfigProblem } from './config-error';
export { LOG_LEVELS, type LogLevel } from './env-validators';
