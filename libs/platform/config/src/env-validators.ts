import { makeValidator } from 'envalid';

/**
 * envalid's own validators put the rejected value into their messages; configuration holds secrets, so these
 * say only what is wrong.
 */
function fail(message: string): never {
  throw new Error(message);
}

export const integerIn = (min: number, max: number) =>
  makeValidator<number>((input) => {
    const value = /^\d+$/.test(input.trim()) ? Number(input.trim()) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      fail(`must be a whole number between ${min} and ${max}`);
    }
    return value;
  });

export const httpUrl = makeValidator<string>((input) => {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('must be an http(s) URL');
  if (url.search || url.hash) fail('must not have a query string or fragment');
  return url.toString().replace(/\/+$/, '');
});

export const postgresUrl = makeValidator<string>((input) => {
  const value = input.trim();
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(value))
    fail('must be a postgres:// or postgresql:// connection URL');
  try {
    new URL(value);
  } catch {
    fail('is not a valid connection URL');
  }
  return value;
});

export const eventStoreUrl = makeValidator<string>((input) => {
  const value = input.trim();
  // The EventStoreDB client parses esdb:// only; KurrentDB servers accept it the same way.
  if (!/^esdb(\+discover)?:\/\/\S+$/.test(value)) {
    fail('must be an esdb:// or esdb+discover:// connection string');
  }
  return value;
});

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

function parseHostPort(input: string): { host: string; port: number } | null {
  const match = HOST_PORT.exec(input);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) return null;
  return { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}

/** `host:port[,host:port...]`, as kafkajs takes them. */
export const brokerList = makeValidator<string[]>((input) => {
  const brokers = input
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (brokers.length === 0) fail('must list at least one broker as host:port');
  for (const broker of brokers) {
    if (!parseHostPort(broker)) fail('must be a comma-separated list of host:port');
  }
  return brokers;
});

/** One `host:port`. */
export const hostAndPort = makeValidator<{ host: string; port: number }>((input) => {
  return parseHostPort(input.trim()) ?? fail('must be host:port');
});

export const bucketName = makeValidator<string>((input) => {
  const value = input.trim();
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value)) {
    fail('must be an S3 bucket name: 3-63 characters of a-z 0-9 . -');
  }
  return value;
});

/** Standard base64 of at least `minBytes` bytes (exactly `minBytes` when `exact`). */
export const base64Key = (minBytes: number, exact: boolean) =>
  makeValidator<Buffer>((input) => {
    const bytes = decodeBase64(input.trim());
    if (!bytes || (exact ? bytes.length !== minBytes : bytes.length < minBytes)) {
      fail(
        `must be base64 of ${exact ? 'exactly' : 'at least'} ${minBytes} random bytes (e.g. \`openssl rand -base64 ${minBytes}\`)`,
      );
    }
    return bytes;
  });

export const rootApiKey = makeValidator<string>((input) => {
  const value = input.trim();
  if (value.length < 16) fail('must be at least 16 characters');
  if (/\s/.test(value)) fail('must not contain whitespace');
  return value;
});

export const nonEmpty = makeValidator<string>((input) => {
  if (input.trim().length === 0) fail('must not be empty');
  return input.trim();
});

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logLevel = makeValidator<LogLevel>((input) => {
  const value = input.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(value)) fail(`must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
});

export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

export const flag = makeValidator<boolean>((input) => {
  const value = input.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  return fail('must be true or false');
});

export const isoDate = makeValidator<string>((input) => {
  const value = input.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) fail('must be a date as YYYY-MM-DD');
  return value;
});

export const SANCTIONS_LIST_NAMES = ['ofac', 'un', 'eu'] as const;

/** A comma-separated subset of the sanctions lists the platform knows, e.g. `ofac,un`. */
export const listNames = makeValidator<readonly string[]>((input) => {
  const names = [...new Set(input.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name.length > 0))];
  const unknown = names.filter((name) => !(SANCTIONS_LIST_NAMES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) fail(`must be a comma-separated subset of ${SANCTIONS_LIST_NAMES.join(', ')}`);
  return names;
});
