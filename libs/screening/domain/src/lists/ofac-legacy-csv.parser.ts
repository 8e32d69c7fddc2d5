import type { EntityAddress, EntityAlias, EntityType, ListSnapshot, SanctionedEntity } from '../model';
import { countryCode } from './country-codes';
import { type CsvRecord, parseCsvRecords } from './csv-records';
import { ListParseError } from './list-parse.error';
import { parseOfacRemarks } from './ofac-remarks';

/** The four files of one OFAC SDN publication in the legacy CSV format, as text. */
export interface OfacLegacyCsvFiles {
  sdn: string;
  alt?: string;
  add?: string;
  comments?: string;
  /** The legacy files carry no date: the caller knows when the publication was made (ISO 8601). */
  publishedAt: string;
}

/** Labels that errors name; a caller reading from disk maps them back to its paths. */
export const OFAC_FILE_LABELS = {
  sdn: 'sdn.csv',
  alt: 'alt.csv',
  add: 'add.csv',
  comments: 'sdn_comments.csv',
} as const;

const SDN_TYPES = new Map<string, EntityType>([
  ['individual', 'person'],
  ['vessel', 'vessel'],
  ['aircraft', 'aircraft'],
]);
const ALT_KINDS = new Map<string, EntityAlias['kind']>([
  ['aka', 'aka'],
  ['fka', 'fka'],
  ['nka', 'nka'],
]);

/** OFAC writes an empty field as `-0-` followed by a space. */
function value(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const trimmed = field.trim();
  return trimmed === '' || trimmed === '-0-' ? undefined : trimmed;
}

interface Row {
  file: string;
  record: CsvRecord;
}

function rows(text: string, file: string, columns: number): Row[] {
  return parseCsvRecords(text, file).map((record) => {
    if (record.fields.length !== columns) {
      throw new ListParseError(
        file,
        record.line,
        `expected ${columns} fields, found ${record.fields.length}`,
      );
    }
    return { file, record };
  });
}

function entNum({ file, record }: Row): string {
  const raw = record.fields[0].trim();
  if (!/^\d+$/.test(raw)) throw new ListParseError(file, record.line, `ent_num "${raw}" is not a number`);
  return raw;
}

/**
 * Parses one OFAC SDN publication in the legacy CSV format (sdn.csv with the optional alt.csv, add.csv and
 * sdn_comments.csv that share its ent_num) into one snapshot. Names stay as published ("PUTIN, Vladimir
 * Vladimirovich"). Remarks cut at 1,000 characters are completed from sdn_comments before anything is read from
 * them, because the cut can fall inside a weak alias or a wallet address.
 */
export function parseOfacLegacyCsv(files: OfacLegacyCsvFiles): ListSnapshot {
  const sdnRows = rows(files.sdn, OFAC_FILE_LABELS.sdn, 12);
  // A sanctions list is never empty: an empty file is a failed download, not a list that lifted every sanction.
  if (sdnRows.length === 0) throw new ListParseError(OFAC_FILE_LABELS.sdn, 1, 'the file has no entries');
  const commentRows = files.comments === undefined ? [] : rows(files.comments, OFAC_FILE_LABELS.comments, 2);
  const overflow = new Map<string, string>();
  for (const row of commentRows) {
    const id = entNum(row);
    overflow.set(id, (overflow.get(id) ?? '') + row.record.fields[1]);
  }

  const byEntNum = new Map<string, SanctionedEntity>();
  for (const row of sdnRows) {
    const id = entNum(row);
    if (byEntNum.has(id)) throw new ListParseError(row.file, row.record.line, `ent_num ${id} appears twice`);
    byEntNum.set(id, sdnEntity(row, id, overflow.get(id)));
  }
  // Files of different publications must not be mixed: an overflow, alias or address without its entry says so.
  for (const row of commentRows) owner(byEntNum, row);

  if (files.alt !== undefined) {
    for (const row of rows(files.alt, OFAC_FILE_LABELS.alt, 5)) {
      const entity = owner(byEntNum, row);
      const [, , altType, altName] = row.record.fields;
      const name = value(altName);
      if (!name) throw new ListParseError(row.file, row.record.line, 'alternate name is empty');
      entity.aliases.push({
        name,
        strength: 'strong',
        kind: ALT_KINDS.get(value(altType)?.toLowerCase() ?? '') ?? 'alias',
      });
    }
  }
  if (files.add !== undefined) {
    for (const row of rows(files.add, OFAC_FILE_LABELS.add, 6)) {
      const entity = owner(byEntNum, row);
      const address = ofacAddress(row.record.fields);
      if (address) entity.addresses.push(address);
    }
  }
  return { list: 'ofac', publishedAt: files.publishedAt, entities: [...byEntNum.values()] };
}

function owner(byEntNum: Map<string, SanctionedEntity>, row: Row): SanctionedEntity {
  const id = entNum(row);
  const entity = byEntNum.get(id);
  if (!entity) throw new ListParseError(row.file, row.record.line, `ent_num ${id} is not in sdn.csv`);
  return entity;
}

function sdnEntity(row: Row, id: string, overflow: string | undefined): SanctionedEntity {
  const [, sdnName, sdnType, program, , , , , , , , remarksField] = row.record.fields;
  const name = value(sdnName);
  if (!name) throw new ListParseError(row.file, row.record.line, `ent_num ${id} has no name`);
  const typeText = value(sdnType)?.toLowerCase();
  // The legacy format leaves SDN_Type empty for entities; only individuals, vessels and aircraft are named.
  const type = typeText === undefined ? 'organization' : SDN_TYPES.get(typeText);
  if (!type) throw new ListParseError(row.file, row.record.line, `unknown SDN_Type "${typeText}"`);

  const published = value(remarksField);
  const remarks =
    overflow === undefined ? published : ((published === undefined ? '' : remarksField) + overflow).trim();
  const facts = remarks ? parseOfacRemarks(remarks) : undefined;
  const entity: SanctionedEntity = {
    id: `ofac:${id}`,
    list: 'ofac',
    type,
    name,
    aliases: facts?.weakAliases ?? [],
    birthDates: facts?.birthDates ?? [],
    nationalities: facts?.nationalities ?? [],
    addresses: [],
    programs: ofacPrograms(program),
    cryptoAddresses: facts?.cryptoAddresses ?? [],
  };
  if (remarks) entity.remarks = remarks;
  return entity;
}

/** Several programs share one field as `SDGT] [IFSR`, the outer brackets already stripped by OFAC. */
function ofacPrograms(field: string | undefined): string[] {
  const text = value(field);
  if (!text) return [];
  return text
    .split('] [')
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter((p) => p !== '');
}

function ofacAddress(fields: string[]): EntityAddress | undefined {
  const [, , street, cityStateZip, country] = fields.map(value);
  const address: EntityAddress = {};
  if (street) address.street = street;
  if (cityStateZip) address.city = cityStateZip;
  if (country) {
    address.country = country;
    const code = countryCode(country);
    if (code) address.countryCode = code;
  }
  return Object.keys(address).length > 0 ? address : undefined;
}
