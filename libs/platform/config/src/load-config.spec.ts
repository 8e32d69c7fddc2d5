import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadConfig, redactConfig } from './load-config';

const key32 = () => randomBytes(32).toString('base64');

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  let dataDir: string;
  let base: Record<string, string>;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kyc-config-'));
    base = { KYC_DATA_DIR: dataDir };
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies the documented defaults in embedded mode', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      mode: 'embedded',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      dataDir,
      rootApiKeySource: 'generated',
      database: { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
      kafkaBrokers: undefined,
      eventStoreConnectionString: undefined,
      documentStorage: { kind: 'local', rootDir: join(dataDir, 'documents') },
      documentUrlTtlSeconds: 900,
      uploadMaxBytes: 10 * 1024 * 1024,
      masterKeySource: 'generated',
      urlSigningSecretSource: 'generated',
      logLevel: 'info',
      sessionExpirySweepSeconds: 60,
    });
    expect(config.rootApiKey).toMatch(/^kyc_root_[A-Za-z0-9_-]{32}$/);
    expect(config.masterKey).toHaveLength(32);
    expect(config.urlSigningSecret).toHaveLength(32);
  });

  it('defaults KYC_DATA_DIR to ./.data, resolved against the working directory', () => {
    const cwd = process.cwd();
    process.chdir(dataDir);
    try {
      expect(loadConfig({}).dataDir).toBe(join(dataDir, '.data'));
      expect(statSync(join(dataDir, '.data', 'master.key')).isFile()).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('derives the public base URL from PORT and reads every variable it is given', () => {
    expect(loadConfig({ ...base, PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    const masterKey = key32();
    const signing = randomBytes(48).toString('base64');
    const envOnlyDir = join(dataDir, 'env-only');
    const config = loadConfig({
      KYC_DATA_DIR: envOnlyDir,
      PORT: '8080',
      PUBLIC_BASE_URL: 'https://kyc.example.org/',
      KYC_ROOT_API_KEY: 'root-key-0123456789abcdef',
      DATABASE_URL: 'postgresql://kyc:secret@db.internal:5432/kyc',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      EVENTSTORE_CONNECTION_STRING: 'esdb://events.internal:2113?tls=false',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_BUCKET: 'kyc-documents',
      DOCUMENT_URL_TTL_SECONDS: '604800',
      UPLOAD_MAX_BYTES: '1',
      KYC_MASTER_KEY: masterKey,
      KYC_URL_SIGNING_SECRET: signing,
      LOG_LEVEL: 'DEBUG',
      SESSION_EXPIRY_SWEEP_SECONDS: '5',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicBaseUrl: 'https://kyc.example.org',
      rootApiKey: 'root-key-0123456789abcdef',
      rootApiKeySource: 'env',
      database: { kind: 'postgres', url: 'postgresql://kyc:secret@db.internal:5432/kyc' },
      kafkaBrokers: ['kafka-1:9092', 'kafka-2:9092'],
      eventStoreConnectionString: 'esdb://events.internal:2113?tls=false',
      documentStorage: { kind: 's3', bucket: 'kyc-documents', endpoint: 'http://minio.internal:9000' },
      documentUrlTtlSeconds: 604800,
      uploadMaxBytes: 1,
      masterKeySource: 'env',
      urlSigningSecretSource: 'env',
      logLevel: 'debug',
      sessionExpirySweepSeconds: 5,
    });
    expect(config.masterKey.toString('base64')).toBe(masterKey);
    expect(config.urlSigningSecret.toString('base64')).toBe(signing);
    // Secrets given by the environment are not written to disk.
    expect(() => statSync(envOnlyDir)).toThrow(/ENOENT/);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ ...base, PORT: '', DATABASE_URL: '  ', KYC_MASTER_KEY: '' });
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.masterKeySource).toBe('generated');
  });

  it.each([
    ['PORT', 'abc', 'must be a whole number between 1 and 65535'],
    ['PORT', '0', 'must be a whole number between 1 and 65535'],
    ['PORT', '65536', 'must be a whole number between 1 and 65535'],
    ['PORT', '30.5', 'must be a whole number between 1 and 65535'],
    ['KYC_ROOT_API_KEY', 'short', 'must be at least 16 characters'],
    ['PUBLIC_BASE_URL', 'kyc.example.org', 'must be an absolute http(s) URL'],
    ['PUBLIC_BASE_URL', 'ftp://kyc.example.org', 'must be an http(s) URL'],
    ['PUBLIC_BASE_URL', 'https://kyc.example.org/?a=1', 'must not have a query string or fragment'],
    ['DATABASE_URL', 'mysql://u:p@h/db', 'must be a postgres:// or postgresql:// connection URL'],
    ['KAFKA_BROKERS', 'kafka-1', 'must be a comma-separated list of host:port'],
    ['KAFKA_BROKERS', 'kafka-1:99999', 'must be a comma-separated list of host:port'],
    ['KAFKA_BROKERS', ' , ', 'must list at least one broker'],
    [
      'EVENTSTORE_CONNECTION_STRING',
      'http://events:2113',
      'must be an esdb:// or esdb+discover:// connection string',
    ],
    ['S3_ENDPOINT', 'minio:9000', 'must be an http(s) URL'],
    ['S3_ENDPOINT', 'not a url', 'must be an absolute http(s) URL'],
    ['S3_BUCKET', 'Bad_Bucket', 'must be an S3 bucket name'],
    ['DOCUMENT_URL_TTL_SECONDS', '0', 'must be a whole number between 1 and 604800'],
    ['DOCUMENT_URL_TTL_SECONDS', '604801', 'must be a whole number between 1 and 604800'],
    ['UPLOAD_MAX_BYTES', '-1', 'must be a whole number between 1 and'],
    ['UPLOAD_MAX_BYTES', '10MB', 'must be a whole number between 1 and'],
    ['KYC_MASTER_KEY', randomBytes(16).toString('base64'), 'must be base64 of exactly 32 random bytes'],
    ['KYC_MASTER_KEY', randomBytes(33).toString('base64'), 'must be base64 of exactly 32 random bytes'],
    ['KYC_MASTER_KEY', 'not base64 at all!', 'must be base64 of exactly 32 random bytes'],
    [
      'KYC_URL_SIGNING_SECRET',
      randomBytes(31).toString('base64'),
      'must be base64 of at least 32 random bytes',
    ],
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace, silent'],
    ['SESSION_EXPIRY_SWEEP_SECONDS', '0', 'must be a whole number between 1 and 86400'],
  ])('names %s=%j and what is wrong with it, without echoing the value', (variable, value, message) => {
    const error = configError(() => loadConfig({ ...base, [variable]: value }));
    expect(error.problems).toEqual([{ variable, message: expect.stringContaining(message) }]);
    expect(error.message).toContain(`${variable}: ${message}`);
    if (value.length > 3) expect(error.message).not.toContain(value);
  });

  it('reports every problem at once and does not exit the process', () => {
    const error = configError(() => loadConfig({ ...base, PORT: 'x', LOG_LEVEL: 'loud', S3_BUCKET: 'B' }));
    expect(error.problems.map((problem) => problem.variable)).toEqual(['LOG_LEVEL', 'PORT', 'S3_BUCKET']);
    expect(error.message.startsWith('Invalid configuration:\n')).toBe(true);
  });

  it('requires S3_BUCKET when S3_ENDPOINT is set', () => {
    const error = configError(() => loadConfig({ ...base, S3_ENDPOINT: 'http://minio:9000' }));
    expect(error.problems).toEqual([
      { variable: 'S3_BUCKET', message: expect.stringContaining('is required') },
    ]);
  });

  it('in distributed mode requires the shared secrets and PostgreSQL instead of making them up', () => {
    const error = configError(() => loadConfig(base, { mode: 'distributed' }));
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      'DATABASE_URL',
      'KYC_MASTER_KEY',
      'KYC_URL_SIGNING_SECRET',
    ]);
    expect(error.message).toContain('KYC_MASTER_KEY: is required: base64 of 32 random bytes');
    expect(error.message).toContain('(required in distributed mode)');
    expect(readdirSync(dataDir)).toEqual([]);

    const config = loadConfig(
      {
        ...base,
        DATABASE_URL: 'postgres://kyc:kyc@127.0.0.1:5432/kyc',
        KYC_MASTER_KEY: key32(),
        KYC_URL_SIGNING_SECRET: key32(),
      },
      { mode: 'distributed' },
    );
    expect(config.rootApiKey).toBeUndefined();
    expect(config.rootApiKeySource).toBe('env');
  });

  it('lets a service require more variables', () => {
    const error = configError(() => loadConfig(base, { require: ['KAFKA_BROKERS', 'KYC_ROOT_API_KEY'] }));
    expect(error.problems.map((problem) => problem.variable)).toEqual(['KAFKA_BROKERS', 'KYC_ROOT_API_KEY']);
  });

  it('generates the master key and signing secret once, with mode 0600, and reuses them on restart', () => {
    const first = loadConfig(base);
    for (const file of ['master.key', 'root-api.key', 'url-signing.key']) {
      expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe(first.masterKey.toString('base64'));
    expect(readdirSync(dataDir).sort()).toEqual(['master.key', 'root-api.key', 'url-signing.key']); // no temporary files left

    const second = loadConfig(base);
    expect(second.masterKeySource).toBe('file');
    expect(second.urlSigningSecretSource).toBe('file');
    expect(second.masterKey.equals(first.masterKey)).toBe(true);
    expect(second.urlSigningSecret.equals(first.urlSigningSecret)).toBe(true);
    // A generated root key is kept too: restarting does not lock the operator out.
    expect(second.rootApiKey).toBe(first.rootApiKey);
    expect(second.rootApiKeySource).toBe('file');

    const fromEnv = key32();
    expect(loadConfig({ ...base, KYC_MASTER_KEY: fromEnv }).masterKey.toString('base64')).toBe(fromEnv);
  });

  it('creates a missing data folder for the secrets', () => {
    const nested = join(dataDir, 'a', 'b');
    expect(loadConfig({ KYC_DATA_DIR: nested }).masterKeySource).toBe('generated');
    expect(statSync(join(nested, 'master.key')).isFile()).toBe(true);
  });

  it('names the variable and the file when a persisted secret is damaged', () => {
    writeFileSync(join(dataDir, 'master.key'), 'definitely not a key\n');
    const error = configError(() => loadConfig(base));
    expect(error.problems).toEqual([
      {
        variable: 'KYC_MASTER_KEY',
        message: `is not set, and ${join(dataDir, 'master.key')} does not hold base64 of exactly 32 bytes`,
      },
    ]);
  });

  it('masks secrets for logging', () => {
    const config = loadConfig({ ...base, DATABASE_URL: 'postgresql://kyc:hunter2@db:5432/kyc' });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(config.rootApiKey);
    expect(text).not.toContain(config.masterKey.toString('base64'));
    expect(text).toContain('postgresql://[redacted]@db:5432/kyc');
  });

  it('reads process.env when no environment is passed', () => {
    const saved = process.env.KYC_DATA_DIR;
    process.env.KYC_DATA_DIR = dataDir;
    try {
      expect(loadConfig().dataDir).toBe(dataDir);
    } finally {
      if (saved === undefined) delete process.env.KYC_DATA_DIR;
      else process.env.KYC_DATA_DIR = saved;
    }
  });
});
