import 'reflect-metadata';
import { loadConfig, type AppConfig } from '@kyc/config';
import { startPlatform } from './platform';

/** `npm start`: the whole platform in one process, embedded storage unless DATABASE_URL is set. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error(`Configuration error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const platform = await startPlatform(config);
  const base = config.publicBaseUrl;
  const lines = [
    '',
    `KYC platform is running on ${base}`,
    `  API docs:      ${base}/docs  (OpenAPI: ${base}/docs/openapi.json)`,
    `  Health:        ${base}/health`,
    config.rootApiKeySource === 'env'
      ? '  Root API key:  the value of KYC_ROOT_API_KEY'
      : `  Root API key:  ${config.rootApiKey}  (generated once and kept in ${config.dataDir}; set KYC_ROOT_API_KEY to choose your own)`,
    '',
  ];
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    console.log(`${signal} received: shutting down`);
    await platform.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
