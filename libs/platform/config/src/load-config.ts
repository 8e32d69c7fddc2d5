import { join, resolve } from 'node:path';
import { cleanEnv, EnvMissingError, str } from 'envalid';
import { ConfigError, type ConfigProblem } from './config-error';
import {
  base64Key,
  bucketName,
  brokerList,
  eventStoreUrl,
  flag,
  isoDate,
  listNames,
  hostAndPort,
  httpUrl,
  integerIn,
  logLevel,
  nonEmpty,
  postgresUrl,
  rootApiKey,
  type LogLevel,
} from './env-validators';
import { loadOrCreateSecret } from './persisted-secret';

/**
 * `embedded`: every service in one process; what is not configured is provided locally (PGlite, files,
 * in-process bus, secrets generated once into the data folder).
 * `distributed`: one service per process; what processes must share cannot be made up locally, so it is
 * required.
 */
export type RunMode = 'embedded' | 'distributed';

export type SecretSource = 'env' | 'file' | 'generated';

export interface AppConfig {
  mode: RunMode;
  port: number;
  /** Without a trailing slash. */
  publicBaseUrl: string;
  /** Absolute. */
  dataDir: string;
  /** Undefined in distributed mode when not set: the admin API is then disabled. */
  rootApiKey: string | undefined;
  /** 'generated' or 'file' when embedded mode made one up (kept in the data folder): the app prints it. */
  rootApiKeySource: SecretSource;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** Undefined: the in-process message bus. */
  kafkaBrokers: string[] | undefined;
  /** Undefined: the PostgreSQL (or PGlite) event store. */
  eventStoreConnectionString: string | undefined;
  documentStorage:
    { kind: 'local'; rootDir: string } | { kind: 's3'; bucket: string; endpoint: string | undefined };
  documentUrlTtlSeconds: number;
  /**
   * Who serves document download links: the gateway (signed links to itself, default), or the document
   * storage itself (S3 presigned URLs; the bucket's endpoint must be reachable by API clients).
   */
  documentLinks: 'gateway' | 'storage';
  uploadMaxBytes: number;
  /** 32 bytes: wraps the per-session data keys of personal data. */
  masterKey: Buffer;
  masterKeySource: SecretSource;
  /** At least 32 bytes: signs document download links. */
  urlSigningSecret: Buffer;
  urlSigningSecretSource: SecretSource;
  logLevel: LogLevel;
  sessionExpirySweepSeconds: number;
  /** Where a gateway sends commands; undefined: it executes them in its own process (embedded). */
  sessionService: { host: string; port: number } | undefined;
  /** Where the session service listens for commands. */
  sessionCommands: { host: string; port: number };
  sessionCommandTimeoutMs: number;
  /** Webhook URLs may point at private and loopback addresses (development and tests only). */
  webhookAllowPrivateTargets: boolean;
  screening: ScreeningConfig;
  processing: ProcessingConfig;
  /**
   * What feeds the sessions' read model: the event store's global log (one checkpoint), or the session events
   * topic (a consumer group that scales by partitions; workflows still come from the event store).
   */
  projectionSource: 'event-store' | 'topic';
}

export interface ProcessingConfig {
  /** The most one processing run may take, everything included; past it the run fails (manual review). */
  timeoutMs: number;
  /** The most the document engines may take on one session before their process is killed and replaced. */
  analysisTimeoutMs: number;
  /** How long `POST /process` waits for the results before answering 202. */
  waitMs: number;
  /** Web checks may reach private and loopback addresses (development and tests only). */
  webAllowPrivateTargets: boolean;
}

/** Where each sanctions list's files are (plain or gzip); a list left out is not screened against. */
export interface SanctionsListFiles {
  ofac?: { sdn: string; alt?: string; add?: string; comments?: string; publishedAt?: string };
  un?: string;
  eu?: string;
}

export interface ScreeningConfig {
  lists: SanctionsListFiles;
  /** How often the list files are read again (new versions re-screen approved sessions); 0 = never. */
  refreshSeconds: number;
  adverseMedia:
    | { kind: 'none' }
    | { kind: 'http'; url: string; apiKey: string | undefined; timeoutMs: number }
    | { kind: 'corpus'; path: string };
}

export interface LoadConfigOptions {
  /** Default `embedded`. */
  mode?: RunMode;
  /** Variables this particular service cannot run without, beyond what the mode requires. */
  require?: readonly OptionalVariable[];
}

export type OptionalVariable =
  | 'KYC_ROOT_API_KEY'
  | 'DATABASE_URL'
  | 'KAFKA_BROKERS'
  | 'EVENTSTORE_CONNECTION_STRING'
  | 'S3_ENDPOINT'
  | 'S3_BUCKET'
  | 'KYC_MASTER_KEY'
  | 'KYC_URL_SIGNING_SECRET'
  | 'SESSION_SERVICE_ADDRESS';

const MIB = 1024 * 1024;
export const MASTER_KEY_FILE = 'master.key';
export const URL_SIGNING_SECRET_FILE = 'url-signing.key';
export const ROOT_API_KEY_FILE = 'root-api.key';

/** What a variable without a default means when it is unset; also the text of the error when it is required. */
const MEANINGS: Record<OptionalVariable, string> = {
  KYC_ROOT_API_KEY: 'the root API key for the admin endpoints',
  DATABASE_URL: 'PostgreSQL connection URL',
  KAFKA_BROKERS: 'Kafka brokers as host:port[,host:port]',
  EVENTSTORE_CONNECTION_STRING: 'EventStoreDB/KurrentDB connection string',
  S3_ENDPOINT: 'S3-compatible endpoint URL',
  S3_BUCKET: 'S3 bucket for documents',
  KYC_MASTER_KEY: 'base64 of 32 random bytes (e.g. `openssl rand -base64 32`)',
  KYC_URL_SIGNING_SECRET: 'base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`)',
  SESSION_SERVICE_ADDRESS: "the session service's command endpoint as host:port",
};

/**
 * Reads and validates the whole configuration once, at start. Throws a `ConfigError` naming every bad or
 * missing variable; it never exits the process (the app's main decides that). Empty values count as unset,
 * as `VAR=` lines in env files mean. In embedded mode it may create the data folder and the secret files in it.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: LoadConfigOptions = {},
): AppConfig {
  const mode = options.mode ?? 'embedded';
  const required = new Set<OptionalVariable>(options.require ?? []);
  if (mode === 'distributed') {
    // Generated secrets would differ per process, and PGlite cannot be shared between processes.
    for (const variable of ['KYC_MASTER_KEY', 'KYC_URL_SIGNING_SECRET', 'DATABASE_URL'] as const)
      required.add(variable);
  }
  const optional = (variable: OptionalVariable) =>
    required.has(variable)
      ? { desc: `${MEANINGS[variable]}${mode === 'distributed' ? ' (required in distributed mode)' : ''}` }
      : { default: undefined, desc: MEANINGS[variable] };

  const problems: ConfigProblem[] = [];
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const clean = cleanEnv(
    given,
    {
      PORT: integerIn(1, 65535)({ default: 3000 }),
      KYC_ROOT_API_KEY: rootApiKey(optional('KYC_ROOT_API_KEY')),
      PUBLIC_BASE_URL: httpUrl({ default: undefined }),
      KYC_DATA_DIR: nonEmpty({ default: './.data' }),
      DATABASE_URL: postgresUrl(optional('DATABASE_URL')),
      KAFKA_BROKERS: brokerList(optional('KAFKA_BROKERS')),
      EVENTSTORE_CONNECTION_STRING: eventStoreUrl(optional('EVENTSTORE_CONNECTION_STRING')),
      S3_ENDPOINT: httpUrl(optional('S3_ENDPOINT')),
      S3_BUCKET: bucketName({
        ...optional('S3_BUCKET'),
        requiredWhen: (values) => values.S3_ENDPOINT !== undefined,
      }),
      DOCUMENT_URL_TTL_SECONDS: integerIn(1, 604_800)({ default: 900 }),
      DOCUMENT_LINKS: str({ choices: ['gateway', 'storage'] as const, default: 'gateway' }),
      UPLOAD_MAX_BYTES: integerIn(1, 1024 * MIB)({ default: 10 * MIB }),
      KYC_MASTER_KEY: base64Key(32, true)(optional('KYC_MASTER_KEY')),
      KYC_URL_SIGNING_SECRET: base64Key(32, false)(optional('KYC_URL_SIGNING_SECRET')),
      LOG_LEVEL: logLevel({ default: 'info' }),
      SESSION_EXPIRY_SWEEP_SECONDS: integerIn(1, 86_400)({ default: 60 }),
      SESSION_SERVICE_ADDRESS: hostAndPort(optional('SESSION_SERVICE_ADDRESS')),
      SESSION_COMMANDS_HOST: nonEmpty({ default: '0.0.0.0' }),
      SESSION_COMMANDS_PORT: integerIn(1, 65535)({ default: 4000 }),
      SESSION_COMMAND_TIMEOUT_MS: integerIn(100, 300_000)({ default: 10_000 }),
      WEBHOOK_ALLOW_PRIVATE_TARGETS: flag({ default: false }),
      SCREENING_DATA_DIR: nonEmpty({ default: './data/sanctions' }),
      SCREENING_OFAC_SDN_FILE: nonEmpty({ default: undefined }),
      SCREENING_OFAC_ALT_FILE: nonEmpty({ default: undefined }),
      SCREENING_OFAC_ADD_FILE: nonEmpty({ default: undefined }),
      SCREENING_OFAC_COMMENTS_FILE: nonEmpty({ default: undefined }),
      SCREENING_OFAC_PUBLISHED_AT: isoDate({ default: undefined }),
      SCREENING_UN_FILE: nonEmpty({ default: undefined }),
      SCREENING_EU_FILE: nonEmpty({ default: undefined }),
      SCREENING_LISTS: listNames({ default: ['ofac', 'un', 'eu'] }),
      SCREENING_REFRESH_SECONDS: integerIn(0, 604_800)({ default: 3_600 }),
      ADVERSE_MEDIA_URL: httpUrl({ default: undefined }),
      ADVERSE_MEDIA_API_KEY: nonEmpty({ default: undefined }),
      ADVERSE_MEDIA_TIMEOUT_MS: integerIn(100, 120_000)({ default: 5_000 }),
      ADVERSE_MEDIA_CORPUS: nonEmpty({ default: undefined }),
      PROCESSING_TIMEOUT_SECONDS: integerIn(5, 3_600)({ default: 120 }),
      PROCESSING_ANALYSIS_TIMEOUT_SECONDS: integerIn(1, 3_600)({ default: 60 }),
      PROCESSING_WAIT_SECONDS: integerIn(0, 300)({ default: 30 }),
      WEB_VALIDATION_ALLOW_PRIVATE_TARGETS: flag({ default: false }),
      PROJECTION_SOURCE: str({ choices: ['event-store', 'topic'] as const, default: 'event-store' }),
    },
    {
      reporter: ({ errors }) => {
        for (const [variable, error] of Object.entries(errors)) {
          problems.push({ variable, message: describeProblem(variable, error, given) });
        }
      },
    },
  );
  if (clean.DOCUMENT_LINKS === 'storage' && clean.S3_BUCKET === undefined) {
    problems.push({ variable: 'DOCUMENT_LINKS', message: 'storage links need S3 document storage (set S3_BUCKET)' });
  }
  if (clean.ADVERSE_MEDIA_URL !== undefined && clean.ADVERSE_MEDIA_CORPUS !== undefined) {
    problems.push({ variable: 'ADVERSE_MEDIA_CORPUS', message: 'set either ADVERSE_MEDIA_URL or ADVERSE_MEDIA_CORPUS, not both' });
  }
  if (clean.PROJECTION_SOURCE === 'topic' && mode === 'distributed' && clean.KAFKA_BROKERS === undefined) {
    problems.push({ variable: 'PROJECTION_SOURCE', message: 'topic needs the Kafka topic of session events (set KAFKA_BROKERS)' });
  }
  if (clean.PROCESSING_ANALYSIS_TIMEOUT_SECONDS >= clean.PROCESSING_TIMEOUT_SECONDS) {
    problems.push({
      variable: 'PROCESSING_ANALYSIS_TIMEOUT_SECONDS',
      message: 'must be shorter than PROCESSING_TIMEOUT_SECONDS (the document engines run inside a processing run)',
    });
  }
  if (problems.length > 0) throw new ConfigError(sortProblems(problems));

  const dataDir = resolve(clean.KYC_DATA_DIR);
  const masterKey = secret(
    'KYC_MASTER_KEY',
    clean.KYC_MASTER_KEY,
    join(dataDir, MASTER_KEY_FILE),
    true,
    problems,
  );
  const urlSigningSecret = secret(
    'KYC_URL_SIGNING_SECRET',
    clean.KYC_URL_SIGNING_SECRET,
    join(dataDir, URL_SIGNING_SECRET_FILE),
    false,
    problems,
  );
  if (!masterKey || !urlSigningSecret) throw new ConfigError(sortProblems(problems));

  // Embedded mode keeps a made-up root key in the data folder, so a restart does not change it.
  const storedRootKey =
    clean.KYC_ROOT_API_KEY === undefined && mode === 'embedded'
      ? loadOrCreateSecret(join(dataDir, ROOT_API_KEY_FILE), 24, true)
      : undefined;
  if (storedRootKey && 'problem' in storedRootKey) {
    throw new ConfigError([{ variable: 'KYC_ROOT_API_KEY', message: `is not set, and ${storedRootKey.problem}` }]);
  }
  return {
    mode,
    port: clean.PORT,
    publicBaseUrl: clean.PUBLIC_BASE_URL ?? `http://localhost:${clean.PORT}`,
    dataDir,
    rootApiKey: storedRootKey ? `kyc_root_${storedRootKey.value.toString('base64url')}` : clean.KYC_ROOT_API_KEY,
    rootApiKeySource: storedRootKey ? (storedRootKey.created ? 'generated' : 'file') : 'env',
    database:
      clean.DATABASE_URL !== undefined
        ? { kind: 'postgres', url: clean.DATABASE_URL }
        : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    kafkaBrokers: clean.KAFKA_BROKERS,
    eventStoreConnectionString: clean.EVENTSTORE_CONNECTION_STRING,
    documentStorage:
      clean.S3_BUCKET !== undefined
        ? { kind: 's3', bucket: clean.S3_BUCKET, endpoint: clean.S3_ENDPOINT }
        : { kind: 'local', rootDir: join(dataDir, 'documents') },
    documentUrlTtlSeconds: clean.DOCUMENT_URL_TTL_SECONDS,
    documentLinks: clean.DOCUMENT_LINKS,
    uploadMaxBytes: clean.UPLOAD_MAX_BYTES,
    masterKey: masterKey.value,
    masterKeySource: masterKey.source,
    urlSigningSecret: urlSigningSecret.value,
    urlSigningSecretSource: urlSigningSecret.source,
    logLevel: clean.LOG_LEVEL,
    sessionExpirySweepSeconds: clean.SESSION_EXPIRY_SWEEP_SECONDS,
    sessionService: clean.SESSION_SERVICE_ADDRESS,
    sessionCommands: { host: clean.SESSION_COMMANDS_HOST, port: clean.SESSION_COMMANDS_PORT },
    sessionCommandTimeoutMs: clean.SESSION_COMMAND_TIMEOUT_MS,
    webhookAllowPrivateTargets: clean.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    screening: {
      lists: sanctionsListFiles(clean),
      refreshSeconds: clean.SCREENING_REFRESH_SECONDS,
      adverseMedia:
        clean.ADVERSE_MEDIA_URL !== undefined
          ? { kind: 'http', url: clean.ADVERSE_MEDIA_URL, apiKey: clean.ADVERSE_MEDIA_API_KEY, timeoutMs: clean.ADVERSE_MEDIA_TIMEOUT_MS }
          : clean.ADVERSE_MEDIA_CORPUS !== undefined
            ? { kind: 'corpus', path: resolve(clean.ADVERSE_MEDIA_CORPUS) }
            : { kind: 'none' },
    },
    processing: {
      timeoutMs: clean.PROCESSING_TIMEOUT_SECONDS * 1000,
      analysisTimeoutMs: clean.PROCESSING_ANALYSIS_TIMEOUT_SECONDS * 1000,
      waitMs: clean.PROCESSING_WAIT_SECONDS * 1000,
      webAllowPrivateTargets: clean.WEB_VALIDATION_ALLOW_PRIVATE_TARGETS,
    },
    projectionSource: clean.PROJECTION_SOURCE,
  };
}

interface ScreeningVariables {
  SCREENING_DATA_DIR: string;
  SCREENING_OFAC_SDN_FILE?: string;
  SCREENING_OFAC_ALT_FILE?: string;
  SCREENING_OFAC_ADD_FILE?: string;
  SCREENING_OFAC_COMMENTS_FILE?: string;
  SCREENING_OFAC_PUBLISHED_AT?: string;
  SCREENING_UN_FILE?: string;
  SCREENING_EU_FILE?: string;
  SCREENING_LISTS: readonly string[];
}

/**
 * The shipped publications under SCREENING_DATA_DIR unless a list's files are named. Naming OFAC's sdn file
 * replaces the whole OFAC set (its alt/add/comments files then come only from their own variables): files of
 * two publications must never be mixed.
 */
function sanctionsListFiles(clean: ScreeningVariables): SanctionsListFiles {
  const dir = resolve(clean.SCREENING_DATA_DIR);
  const ofacDir = join(dir, 'ofac', 'sdn-2023-12-28');
  const file = (key: 'alt' | 'add' | 'comments', path: string | undefined) => (path === undefined ? {} : { [key]: resolve(path) });
  const ofac = clean.SCREENING_OFAC_SDN_FILE
    ? {
        sdn: resolve(clean.SCREENING_OFAC_SDN_FILE),
        ...file('alt', clean.SCREENING_OFAC_ALT_FILE),
        ...file('add', clean.SCREENING_OFAC_ADD_FILE),
        ...file('comments', clean.SCREENING_OFAC_COMMENTS_FILE),
        ...(clean.SCREENING_OFAC_PUBLISHED_AT ? { publishedAt: clean.SCREENING_OFAC_PUBLISHED_AT } : {}),
      }
    : {
        sdn: join(ofacDir, 'sdn.csv.gz'),
        alt: join(ofacDir, 'alt.csv.gz'),
        add: join(ofacDir, 'add.csv.gz'),
        comments: join(ofacDir, 'sdn_comments.csv.gz'),
        publishedAt: '2023-12-28',
      };
  const enabled = new Set(clean.SCREENING_LISTS);
  return {
    ...(enabled.has('ofac') ? { ofac } : {}),
    ...(enabled.has('un') ? { un: resolve(clean.SCREENING_UN_FILE ?? join(dir, 'un', 'un-consolidated-2026-02-27.xml.gz')) } : {}),
    ...(enabled.has('eu') ? { eu: resolve(clean.SCREENING_EU_FILE ?? join(dir, 'eu', 'eu-fsf-derived-2025-04-15.json.gz')) } : {}),
  };
}

/** The configuration with its secrets masked, for a start-up log line. */
export function redactConfig(config: AppConfig): Record<string, unknown> {
  const masked = (value: unknown) => (value === undefined ? undefined : '[redacted]');
  return {
    ...config,
    rootApiKey: masked(config.rootApiKey),
    masterKey: masked(config.masterKey),
    urlSigningSecret: masked(config.urlSigningSecret),
    database:
      config.database.kind === 'postgres'
        ? { kind: 'postgres', url: redactUrl(config.database.url) }
        : config.database,
    eventStoreConnectionString:
      config.eventStoreConnectionString === undefined
        ? undefined
        : redactUrl(config.eventStoreConnectionString),
  };
}

function secret(
  variable: 'KYC_MASTER_KEY' | 'KYC_URL_SIGNING_SECRET',
  fromEnv: Buffer | undefined,
  path: string,
  exact: boolean,
  problems: ConfigProblem[],
): { value: Buffer; source: SecretSource } | undefined {
  if (fromEnv) return { value: fromEnv, source: 'env' };
  const persisted = loadOrCreateSecret(path, 32, exact);
  if ('problem' in persisted) {
    problems.push({ variable, message: `is not set, and ${persisted.problem}` });
    return undefined;
  }
  return { value: persisted.value, source: persisted.created ? 'generated' : 'file' };
}

function describeProblem(variable: string, error: Error, given: Record<string, unknown>): string {
  if (error instanceof EnvMissingError || given[variable] === undefined) {
    return error.message ? `is required: ${error.message}` : 'is required';
  }
  return error.message;
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.variable.localeCompare(b.variable));
}

function redactUrl(value: string): string {
  return value.replace(/\/\/([^@/]*)@/, '//[redacted]@');
}
