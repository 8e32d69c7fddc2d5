import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type OptionalVariable } from '@kyc/config';
import { startHealthServer } from '@kyc/runtime';
import {
  commandOf,
  dependenciesOf,
  environmentOf,
  interpolatedVariables,
  rawVariable,
  readComposeFile,
  readEnvFile,
  type ComposeService,
  type Env,
} from './compose-file';
import { configVariables, distributedApps, requiredVariables, type DistributedApp } from './platform-apps';

const ROOT = resolve(__dirname, '..', '..');
const compose = readComposeFile(join(ROOT, 'docker-compose.yml'));
const services = compose.services;
const envExample = readEnvFile(join(ROOT, '.env.example'));

/** A `.env` made as the file's header says: .env.example, with every value Compose requires filled in. */
const SECRET_MAKERS: Record<string, () => string> = {
  KYC_MASTER_KEY: () => randomBytes(32).toString('base64'),
  KYC_URL_SIGNING_SECRET: () => randomBytes(32).toString('base64'),
};
const dotEnv: Env = {
  ...envExample,
  ...Object.fromEntries(
    interpolatedVariables(compose)
      .filter((variable) => variable.required)
      .map(({ name }) => [name, SECRET_MAKERS[name]?.() ?? randomBytes(24).toString('hex')]),
  ),
};

/** The secrets every process must share: generated per process they would differ, so .env must hold them. */
const SHARED_SECRETS = ['KYC_MASTER_KEY', 'KYC_URL_SIGNING_SECRET'];
/** Read by the AWS SDK's default credential and region chain (S3 documents), not by the platform's configuration. */
const AWS_SDK_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'];

interface AppService {
  app: DistributedApp;
  name: string;
  service: ComposeService;
  env: Record<string, string>;
}

const apps = distributedApps(ROOT);
const appServices: AppService[] = apps.flatMap((app) =>
  Object.entries(services)
    .filter(([, service]) => commandOf(service).includes(app.main))
    .map(([name, service]) => ({ app, name, service, env: environmentOf(service, dotEnv) })),
);

function appService(app: DistributedApp): AppService {
  const matching = appServices.filter((candidate) => candidate.app === app);
  expect(
    matching.map(({ name }) => name),
    `services whose command runs ${app.main}`,
  ).toHaveLength(1);
  return matching[0];
}

/** Those app services that set `variable`; at least one must, or the check would prove nothing. */
function settingVariable(variable: string): AppService[] {
  const setting = appServices.filter(({ env }) => env[variable]);
  expect(setting.length, `app services setting ${variable}`).toBeGreaterThan(0);
  return setting;
}

/** The one service running `repository` (any tag). */
function serviceOfImage(repository: string): [string, ComposeService] {
  const matching = Object.entries(services).filter(
    ([, service]) => service.image?.split(':')[0] === repository,
  );
  expect(
    matching.map(([name]) => name),
    `services of image ${repository}`,
  ).toHaveLength(1);
  return matching[0];
}

/**
 * The services an app's variables point at: the hosts of its database, brokers, event store, S3 endpoint and
 * session service.
 */
function servicesPointedAt(env: Record<string, string>): string[] {
  const hosts = [
    env.DATABASE_URL && new URL(env.DATABASE_URL).hostname,
    ...(env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim().split(':')[0]),
    env.EVENTSTORE_CONNECTION_STRING && new URL(env.EVENTSTORE_CONNECTION_STRING).hostname,
    env.S3_ENDPOINT && new URL(env.S3_ENDPOINT).hostname,
    env.SESSION_SERVICE_ADDRESS && env.SESSION_SERVICE_ADDRESS.split(':')[0],
  ];
  return [...new Set(hosts.filter((host): host is string => Boolean(host)))];
}

/** The one-shot service that creates `bucket` (`mc mb <alias>/<bucket>`), and the alias it uses. */
function bucketCreator(bucket: string): { name: string; service: ComposeService; alias: string } {
  const matching = Object.entries(services).flatMap(([name, service]) => {
    const command = commandOf(service);
    const target = command.find((argument) => argument.endsWith(`/${bucket}`));
    return command.includes('mb') && target ? [{ name, service, alias: target.split('/')[0] }] : [];
  });
  expect(
    matching.map(({ name }) => name),
    `services creating bucket ${bucket}`,
  ).toHaveLength(1);
  return matching[0];
}

function hasHealthcheck(service: ComposeService | undefined): boolean {
  return Boolean(service?.healthcheck?.test) && !service?.healthcheck?.disable;
}

/** `NAME://host:port,...` as name -> `host:port`. */
function listeners(value: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (value ?? '').split(',').map((listener) => {
      const match = /^(\w+):\/\/(.*)$/.exec(listener.trim());
      if (!match) throw new Error(`not a Kafka listener: ${listener}`);
      return [match[1], match[2]];
    }),
  );
}

function containerPort(mapping: string | number | { target: number }): string {
  if (typeof mapping === 'object') return String(mapping.target);
  return String(mapping).split('/')[0].split(':').pop() as string;
}

/** Runs a Compose healthcheck `test` here with the given container environment; resolves its exit code. */
function runHealthcheck(test: string | string[], env: Record<string, string>): Promise<number> {
  const [kind, ...rest] = typeof test === 'string' ? ['CMD-SHELL', test] : test;
  const [file, args] = kind === 'CMD-SHELL' ? ['sh', ['-c', rest.join(' ')]] : [rest[0], rest.slice(1)];
  return new Promise((done) => {
    execFile(file, args, { env: { PATH: process.env.PATH, ...env }, timeout: 10_000 }, (error) =>
      done(error ? (typeof error.code === 'number' ? error.code : -1) : 0),
    );
  });
}

describe('docker-compose.yml', () => {
  it('runs every app under apps/ but the embedded one, each in one service, in distributed mode', () => {
    expect(apps.length).toBeGreaterThan(0);
    for (const app of apps) {
      expect(existsSync(join(ROOT, app.main)), app.main).toBe(true);
      expect(app.mode, `${app.main} runs in distributed mode`).toBe('distributed');
      appService(app);
    }
  });

  describe.each(apps)('the service running apps/$name', (app) => {
    it('sets every variable the app requires in distributed mode', () => {
      const { env } = appService(app);
      const required = requiredVariables(app.require);
      // What distributed mode always requires, so the loop below has something to check.
      expect(required).toEqual(expect.arrayContaining(['DATABASE_URL', 'KYC_MASTER_KEY', 'KYC_URL_SIGNING_SECRET', ...app.require]));
      for (const variable of required) expect(env[variable], variable).toBeTruthy();
    });

    it('gives the app a configuration it accepts at start', () => {
      const { env } = appService(app);
      expect(() =>
        loadConfig(env, { mode: 'distributed', require: app.require as OptionalVariable[] }),
      ).not.toThrow();
    });

    it('sets only variables the platform reads', () => {
      const known = [...configVariables(ROOT), ...AWS_SDK_VARIABLES];
      expect(Object.keys(appService(app).env).filter((variable) => !known.includes(variable))).toEqual([]);
    });

    it('takes the shared secrets from .env and refuses to start without them', () => {
      const { service } = appService(app);
      for (const secret of SHARED_SECRETS) {
        expect(rawVariable(service, secret), secret).toMatch(new RegExp(`^\\$\\{${secret}:\\?[^}]+\\}$`));
        expect(() => environmentOf(service, { ...dotEnv, [secret]: '' })).toThrow(secret);
      }
    });

    it('starts once the services it points at are healthy and the documents bucket exists', () => {
      const { service, env } = appService(app);
      const dependencies = dependenciesOf(service);
      for (const host of servicesPointedAt(env)) {
        expect(hasHealthcheck(services[host]), `${host} is a service with a health check`).toBe(true);
        expect(dependencies[host], `depends_on ${host}`).toBe('service_healthy');
      }
      if (env.S3_BUCKET) {
        expect(dependencies[bucketCreator(env.S3_BUCKET).name]).toBe('service_completed_successfully');
      }
      for (const [dependency, condition] of Object.entries(dependencies)) {
        if (condition === 'service_healthy')
          expect(hasHealthcheck(services[dependency]), dependency).toBe(true);
      }
    });

    it('is built from the root Dockerfile, restarts unless stopped and has a health check', () => {
      const { service } = appService(app);
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      expect(build?.context).toBe('.');
      expect(existsSync(join(ROOT, build?.dockerfile ?? 'Dockerfile'))).toBe(true);
      expect(service.restart).toBe('unless-stopped');
      expect(hasHealthcheck(service)).toBe(true);
    });
  });

  it('builds one image for all apps', () => {
    expect(new Set(appServices.map(({ service }) => service.image)).size).toBe(1);
    expect(new Set(appServices.map(({ service }) => JSON.stringify(service.build))).size).toBe(1);
  });

  it('publishes a port for the gateway only, onto the port it listens on', () => {
    const publishing = Object.entries(services).filter(([, service]) => service.ports?.length);
    const gateway = appServices.find(({ app }) => app.name === 'gateway');
    expect(publishing.map(([name]) => name)).toEqual([gateway?.name]);
    expect(gateway?.service.ports?.map(containerPort)).toEqual([gateway?.env.PORT]);
  });

  it("checks each app's health through its readiness endpoint on its PORT", async () => {
    let ready = true;
    const server = await startHealthServer(0, [
      {
        name: 'dependency',
        check: async () => {
          if (!ready) throw new Error('not ready');
        },
      },
    ]);
    const checks = appServices.map(({ name, service, env }) => ({
      name,
      test: service.healthcheck?.test ?? [],
      env: { ...env, PORT: String(server.port) },
    }));
    try {
      for (const check of checks) expect(await runHealthcheck(check.test, check.env), check.name).toBe(0);
      ready = false;
      for (const check of checks) expect(await runHealthcheck(check.test, check.env), check.name).not.toBe(0);
    } finally {
      await server.close();
    }
    for (const check of checks) expect(await runHealthcheck(check.test, check.env), check.name).not.toBe(0);
  });

  describe('infrastructure', () => {
    it('has PostgreSQL, Kafka, KurrentDB and MinIO, each with a health check and used by the apps; no ZooKeeper', () => {
      const used = new Set(appServices.flatMap(({ env }) => servicesPointedAt(env)));
      for (const repository of ['postgres', 'apache/kafka', 'kurrentplatform/kurrentdb', 'minio/minio']) {
        const [name, service] = serviceOfImage(repository);
        expect(hasHealthcheck(service), `${name} has a health check`).toBe(true);
        expect(used.has(name), `an app points at ${name}`).toBe(true);
      }
      const zookeeper = Object.entries(services).filter(([name, { image }]) =>
        /zookeeper/i.test(`${name} ${image}`),
      );
      expect(zookeeper).toEqual([]);
    });

    it('points DATABASE_URL at the PostgreSQL service, with its user, password and database', () => {
      for (const { name, env } of settingVariable('DATABASE_URL')) {
        const url = new URL(env.DATABASE_URL);
        const postgres = services[url.hostname];
        expect(postgres?.image, `${name}: DATABASE_URL host`).toMatch(/^postgres:/);
        const server = environmentOf(postgres, dotEnv);
        expect(decodeURIComponent(url.username)).toBe(server.POSTGRES_USER);
        expect(decodeURIComponent(url.password)).toBe(server.POSTGRES_PASSWORD);
        expect(url.pathname).toBe(`/${server.POSTGRES_DB}`);
        expect(url.port || '5432').toBe('5432');
      }
    });

    it('runs Kafka as one KRaft node, its own controller, advertising what KAFKA_BROKERS names', () => {
      for (const { name, env } of settingVariable('KAFKA_BROKERS')) {
        for (const broker of env.KAFKA_BROKERS.split(',').map((entry) => entry.trim())) {
          const host = broker.split(':')[0];
          expect(services[host]?.image, `${name}: broker ${broker}`).toMatch(/^apache\/kafka:/);
          const kafka = environmentOf(services[host], dotEnv);
          expect(kafka.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
          expect(kafka.KAFKA_ZOOKEEPER_CONNECT).toBeUndefined();
          expect(kafka.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);

          const controllerName = kafka.KAFKA_CONTROLLER_LISTENER_NAMES;
          const controllerPort = listeners(kafka.KAFKA_LISTENERS)[controllerName]?.split(':').pop();
          expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(
            `${kafka.KAFKA_NODE_ID}@${host}:${controllerPort}`,
          );

          const advertised = listeners(kafka.KAFKA_ADVERTISED_LISTENERS);
          expect(advertised[controllerName]).toBeUndefined();
          expect(Object.values(advertised)).toContain(broker);
          // One broker cannot hold more than one replica of the internal topics.
          expect(kafka.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
          expect(kafka.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
        }
      }
    });

    it('points EVENTSTORE_CONNECTION_STRING at the KurrentDB service, without TLS as the server runs', () => {
      for (const { name, env } of settingVariable('EVENTSTORE_CONNECTION_STRING')) {
        const url = new URL(env.EVENTSTORE_CONNECTION_STRING);
        expect(services[url.hostname]?.image, `${name}: event store host`).toMatch(
          /^kurrentplatform\/kurrentdb:/,
        );
        const server = environmentOf(services[url.hostname], dotEnv);
        expect(url.port).toBe(server.KURRENTDB_NODE_PORT ?? '2113');
        expect(url.searchParams.get('tls') === 'false').toBe(server.KURRENTDB_INSECURE === 'true');
      }
    });

    it('points S3 at the MinIO service with its credentials, and creates the bucket there first', () => {
      for (const { name, env } of settingVariable('S3_ENDPOINT')) {
        const endpoint = new URL(env.S3_ENDPOINT);
        const minio = services[endpoint.hostname];
        expect(minio?.image, `${name}: S3 endpoint host`).toMatch(/^minio\/minio:/);
        expect(endpoint.port).toBe('9000'); // MinIO's API port: its command sets no other --address.
        expect(commandOf(minio)).not.toContain('--address');
        const server = environmentOf(minio, dotEnv);
        expect(env.AWS_ACCESS_KEY_ID).toBe(server.MINIO_ROOT_USER);
        expect(env.AWS_SECRET_ACCESS_KEY).toBe(server.MINIO_ROOT_PASSWORD);

        const creator = bucketCreator(env.S3_BUCKET);
        expect(creator.service.restart ?? 'no').toBe('no');
        expect(dependenciesOf(creator.service)[endpoint.hostname]).toBe('service_healthy');
        const target = new URL(environmentOf(creator.service, dotEnv)[`MC_HOST_${creator.alias}`]);
        expect(target.host).toBe(endpoint.host);
        expect(decodeURIComponent(target.username)).toBe(server.MINIO_ROOT_USER);
        expect(decodeURIComponent(target.password)).toBe(server.MINIO_ROOT_PASSWORD);
      }
    });
  });

  it("points SESSION_SERVICE_ADDRESS at the session service's command port", () => {
    for (const { name, env } of settingVariable('SESSION_SERVICE_ADDRESS')) {
      const [host, port] = env.SESSION_SERVICE_ADDRESS.split(':');
      const target = appServices.find((candidate) => candidate.name === host);
      expect(target?.app.name, `${name}: SESSION_SERVICE_ADDRESS host`).toBe('session-service');
      const { env: targetEnv, app: targetApp } = target as AppService;
      const listening = loadConfig(targetEnv, {
        mode: 'distributed',
        require: targetApp.require as OptionalVariable[],
      });
      expect(Number(port)).toBe(listening.sessionCommands.port);
      expect(listening.sessionCommands.host).not.toMatch(/^(127\.|localhost$|::1$)/);
    }
  });

  describe('.env', () => {
    it('.env.example lists every variable the file reads', () => {
      const read = interpolatedVariables(compose).map(({ name }) => name);
      expect(read.filter((name) => !(name in envExample))).toEqual([]);
    });

    it('leaves the values Compose requires blank in .env.example, so that nobody runs with published ones', () => {
      for (const { name } of interpolatedVariables(compose).filter((variable) => variable.required)) {
        expect(envExample[name], name).toBe('');
      }
    });
  });
});
