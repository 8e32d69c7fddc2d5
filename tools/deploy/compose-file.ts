import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The parts of the Compose specification the deployment tests read. */
export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number | { target: number; published?: string | number })[];
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export type Env = Record<string, string | undefined>;

/** Reads a compose file as Compose does, YAML merge keys (`<<: *anchor`) included. */
export function readComposeFile(path: string): ComposeFile {
  const document = parse(readFileSync(path, 'utf8'), { merge: true }) as Partial<ComposeFile> | null;
  if (!document?.services) throw new Error(`${path} has no services`);
  return { services: document.services };
}

/** `KEY=value` lines of an env file; comments and blank lines skipped. */
export function readEnvFile(path: string): Record<string, string> {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const equals = line.indexOf('=');
      if (equals < 1) throw new Error(`${path}: not a KEY=value line: ${line}`);
      return [line.slice(0, equals), line.slice(equals + 1)] as const;
    });
  return Object.fromEntries(entries);
}

// `$$`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `${NAME?error}` and `$NAME`.
const REFERENCE = /\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\}|([A-Za-z_]\w*))/g;

/** Compose's interpolation (without nested references): throws the `?` message when a required variable is missing. */
export function interpolate(text: string, env: Env): string {
  return text.replace(
    REFERENCE,
    (
      _match,
      dollar?: string,
      name?: string,
      colon?: string,
      operator?: string,
      argument?: string,
      bare?: string,
    ) => {
      if (dollar) return '$';
      if (bare) return env[bare] ?? '';
      const variable = name as string;
      const value = env[variable];
      const missing = value === undefined || (colon === ':' && value === '');
      if (missing && operator === '-') return argument ?? '';
      if (missing && operator === '?') throw new Error(`${variable}: ${argument}`);
      return value ?? '';
    },
  );
}

export interface InterpolatedVariable {
  name: string;
  /** `${NAME:?...}`: Compose refuses to start without a value. */
  required: boolean;
}

/** Every variable the file reads from the environment (or `.env`), wherever it appears. */
export function interpolatedVariables(compose: ComposeFile): InterpolatedVariable[] {
  const found = new Map<string, boolean>();
  for (const text of stringsIn(compose)) {
    for (const match of text.matchAll(REFERENCE)) {
      const name = match[2] ?? match[6];
      if (name) found.set(name, (found.get(name) ?? false) || (match[3] === ':' && match[4] === '?'));
    }
  }
  return [...found].map(([name, required]) => ({ name, required }));
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The service's variables as its container sees them. */
export function environmentOf(service: ComposeService, env: Env): Record<string, string> {
  const raw = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(raw)
    ? raw.map((item) => {
        const equals = item.indexOf('=');
        return equals < 0 ? [item, ''] : [item.slice(0, equals), item.slice(equals + 1)];
      })
    : Object.entries(raw).map(([name, value]) => [name, value === null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(value, env)]));
}

/** The service's raw (not interpolated) value of one variable. */
export function rawVariable(service: ComposeService, name: string): string | undefined {
  const raw = service.environment ?? {};
  if (Array.isArray(raw)) return raw.find((item) => item.startsWith(`${name}=`))?.slice(name.length + 1);
  const value = raw[name];
  return value === undefined || value === null ? undefined : String(value);
}

export function commandOf(service: ComposeService): string[] {
  const command = service.command ?? [];
  return typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : command;
}

/** Each dependency with the condition Compose waits for (`service_started` when the short form is used). */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  return Array.isArray(dependsOn)
    ? Object.fromEntries(dependsOn.map((name) => [name, 'service_started']))
    : Object.fromEntries(
        Object.entries(dependsOn).map(([name, { condition }]) => [name, condition ?? 'service_started']),
      );
}
