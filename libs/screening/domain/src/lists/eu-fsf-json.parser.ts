import type { BirthDate, EntityAlias, EntityType, ListSnapshot, SanctionedEntity } from '../model';
import { countryCode } from './country-codes';
import { jsonErrorOffset } from './json-error-offset';
import { ListParseError } from './list-parse.error';
import { parseDatePoint } from './published-birth-date';
import { lineAt, lineOf } from './source-lines';

export const EU_FILE_LABEL = 'eu-fsf.json';

const EU_TYPES = new Map<string, EntityType>([
  ['INDIVIDUAL', 'person'],
  ['ENTITY', 'organization'],
]);

/**
 * Parses the derived JSON reduction of the EU consolidated financial sanctions list (`{meta, data}`; see the data
 * folder's SOURCES.md). Each record's `name` is the EU's first name alias, in whatever language or script it was
 * written, and `details.aliases` holds the others; all are whole names, so all are strong. The reduction dropped
 * programmes, addresses and nationalities; they are read should a newer file carry them as plain strings.
 */
export function parseEuFsfJson(json: string): ListSnapshot {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw jsonSyntaxError(json, error);
  }
  const meta = field(document, 'meta');
  const publishedAt = stringField(meta, 'timestamp');
  if (!publishedAt) throw new ListParseError(EU_FILE_LABEL, 1, 'meta.timestamp is missing');
  const data = field(document, 'data');
  if (!Array.isArray(data)) throw new ListParseError(EU_FILE_LABEL, 1, 'data is not an array');
  // A sanctions list is never empty: an empty one is a failed export, not a list that lifted every sanction.
  if (data.length === 0) throw new ListParseError(EU_FILE_LABEL, 1, 'data has no records');
  return { list: 'eu', publishedAt, entities: data.map((record, index) => euEntity(record, index, json)) };
}

function jsonSyntaxError(json: string, error: unknown): ListParseError {
  const message = error instanceof Error ? error.message : String(error);
  return new ListParseError(EU_FILE_LABEL, lineAt(json, jsonErrorOffset(json)), `invalid JSON: ${message}`);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
    : [];
}

function euEntity(record: unknown, index: number, json: string): SanctionedEntity {
  const rawId = stringField(record, 'id');
  const fail = (reason: string): ListParseError =>
    new ListParseError(EU_FILE_LABEL, rawId ? lineOf(json, `"${rawId}"`) : 1, `data[${index}]: ${reason}`);
  const logicalId = rawId && /^EU-(\S+)$/.exec(rawId)?.[1];
  if (!logicalId) throw fail(`id ${rawId ? `"${rawId}"` : 'is missing'}: expected "EU-<logicalId>"`);
  const name = stringField(record, 'name');
  if (!name) throw fail('name is missing');
  const typeText = stringField(record, 'type');
  const type = typeText ? EU_TYPES.get(typeText.toUpperCase()) : undefined;
  if (!type) throw fail(`unknown type "${typeText ?? ''}"`);

  const details = field(record, 'details');
  const aliases: EntityAlias[] = [];
  for (const alias of strings(field(details, 'aliases'))) {
    if (alias !== name && !aliases.some((a) => a.name === alias))
      aliases.push({ name: alias, strength: 'strong', kind: 'alias' });
  }
  const birthDate = stringField(details, 'birthDate');
  const birthPoint = birthDate ? parseDatePoint(birthDate) : undefined;
  const birthDates: BirthDate[] = birthPoint ? [{ ...birthPoint }] : [];
  const nationalities: string[] = [];
  for (const nationality of [
    ...strings(field(details, 'nationalities')),
    stringField(record, 'country') ?? '',
  ]) {
    const code = countryCode(nationality);
    if (code && !nationalities.includes(code)) nationalities.push(code);
  }
  return {
    id: `eu:${logicalId}`,
    list: 'eu',
    type,
    name,
    aliases,
    birthDates,
    nationalities,
    addresses: [],
    programs: strings(field(record, 'programs')),
    cryptoAddresses: [],
  };
}
