import { Logger } from '@nestjs/common';
import { loadConfig, type AppConfig, type LoadConfigOptions } from '@kyc/config';

export interface RunningService {
  close(): Promise<void>;
}

/**
 * A service process's life: validated configuration (a bad variable stops it with a message naming it),
 * start, and a graceful stop on SIGTERM/SIGINT.
 */
export function runService(
  name: string,
  options: LoadConfigOptions,
  start: (config: AppConfig, logger: Logger) => Promise<RunningService>,
): void {
  const logger = new Logger(name);
  let config: AppConfig;
  try {
    config = loadConfig(process.env, options);
  } catch (error) {
    console.error(`${name}: configuration error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  start(config, logger).then(
    (service) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.log(`${signal} received: stopping`);
        service.close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error(error);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    },
    (error: unknown) => {
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
