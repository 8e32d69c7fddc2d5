import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type {
  BirthDate,
  EntityAddress,
  EntityAlias,
  EntityType,
  ListSnapshot,
  SanctionedEntity,
} from '../model';
import { countryCode } from './country-codes';
import { ListParseError } from './list-parse.error';
import { birthDateBetween, circaBirthDate, parseDatePoint } from './published-birth-date';
import { lineOf } from './source-lines';

export const UN_FILE_LABEL = 'consolidated.xml';

type XmlNode = Record<string, unknown>;

/** Elements that may repeat; fast-xml-parser returns a lone element as an object unless told otherwise. */
const REPEATED = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'VALUE',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Ids, years and names stay text: DATAID and ZIP codes are identifiers, not numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

/**
 * Parses the UN Security Council Consolidated List XML (schema sc-sanctions.xsd): INDIVIDUAL and ENTITY records
 * into one snapshot with ids `un:<DATAID>` and programs = UN_LIST_TYPE. Malformed XML is a ListParseError with
 * the line the validator stopped at.
 */
export function parseUnConsolidatedXml(xml: string): ListSnapshot {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ListParseError(UN_FILE_LABEL, valid.err.line, valid.err.msg);
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    // Well-formed but refused by the parser, e.g. entity expansion beyond its safety limits.
    throw new ListParseError(UN_FILE_LABEL, 1, error instanceof Error ? error.message : String(error));
  }
  const root = document.CONSOLIDATED_LIST as XmlNode | undefined;
  if (!root || typeof root !== 'object') {
    throw new ListParseError(UN_FILE_LABEL, 1, 'root element CONSOLIDATED_LIST is missing');
  }
  const publishedAt = text(root['@dateGenerated']);
  if (!publishedAt) throw new ListParseError(UN_FILE_LABEL, 1, 'dateGenerated attribute is missing');

  const entities = [
    ...nodes((root.INDIVIDUALS as XmlNode | undefined)?.INDIVIDUAL).map((n) => unEntity(n, 'person', xml)),
    ...nodes((root.ENTITIES as XmlNode | undefined)?.ENTITY).map((n) => unEntity(n, 'organization', xml)),
  ];
  // A sanctions list is never empty: an empty one is a failed download, not a list that lifted every sanction.
  if (entities.length === 0) {
    throw new ListParseError(UN_FILE_LABEL, 1, 'the list has no INDIVIDUAL or ENTITY');
  }
  return { list: 'un', publishedAt, entities };
}

function nodes(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.filter((v): v is XmlNode => typeof v === 'object' && v !== null) : [];
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

function values(container: unknown): string[] {
  if (typeof container !== 'object' || container === null) return [];
  return (Array.isArray((container as XmlNode).VALUE) ? ((container as XmlNode).VALUE as unknown[]) : [])
    .map(text)
    .filter((v): v is string => v !== undefined);
}

function unEntity(node: XmlNode, type: EntityType, xml: string): SanctionedEntity {
  const dataId = text(node.DATAID);
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((part) => text(node[part]))
    .filter((part) => part !== undefined)
    .join(' ');
  if (!dataId || !name) {
    const line = dataId ? lineOf(xml, `<DATAID>${dataId}</DATAID>`) : 1;
    throw new ListParseError(
      UN_FILE_LABEL,
      line,
      `${type === 'person' ? 'INDIVIDUAL' : 'ENTITY'} without DATAID or name`,
    );
  }
  const prefix = type === 'person' ? 'INDIVIDUAL' : 'ENTITY';
  const aliases = nodes(node[`${prefix}_ALIAS`]).flatMap(unAlias);
  const originalScript = text(node.NAME_ORIGINAL_SCRIPT);
  if (originalScript) aliases.push({ name: originalScript, strength: 'strong', kind: 'original_script' });

  const nationalities: string[] = [];
  for (const nationality of values(node.NATIONALITY)) {
    const code = countryCode(nationality);
    if (code && !nationalities.includes(code)) nationalities.push(code);
  }
  const entity: SanctionedEntity = {
    id: `un:${dataId}`,
    list: 'un',
    type,
    name,
    aliases,
    birthDates: unBirthDates(node, prefix),
    nationalities,
    addresses: nodes(node[`${prefix}_ADDRESS`]).flatMap((n) => unAddress(n) ?? []),
    programs: [text(node.UN_LIST_TYPE)].filter((p): p is string => p !== undefined),
    cryptoAddresses: [],
  };
  const remarks = text(node.COMMENTS1);
  if (remarks) entity.remarks = remarks;
  return entity;
}

/** "Low" quality aliases are the UN's weak ones; a.k.a./f.k.a. appear on entities. */
function unAlias(node: XmlNode): EntityAlias[] {
  const name = text(node.ALIAS_NAME);
  if (!name) return [];
  const quality = text(node.QUALITY)?.toLowerCase();
  const kind =
    quality === 'a.k.a.' ? 'aka' : quality === 'f.k.a.' ? 'fka' : quality === 'n.k.a.' ? 'nka' : 'alias';
  return [{ name, strength: quality === 'low' ? 'weak' : 'strong', kind }];
}

/** The record's dates of birth, and those the UN gives for a single alias (a DOB used with that identity). */
function unBirthDates(node: XmlNode, prefix: string): BirthDate[] {
  const dates = nodes(node[`${prefix}_DATE_OF_BIRTH`]).flatMap((n) => unBirthDate(n) ?? []);
  for (const alias of nodes(node[`${prefix}_ALIAS`])) {
    const published = text(alias.DATE_OF_BIRTH);
    const point = published ? parseDatePoint(published) : undefined;
    if (point && !dates.some((d) => sameBirthDate(d, point))) dates.push({ ...point });
  }
  return dates;
}

function sameBirthDate(a: BirthDate, b: BirthDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.toYear === b.toYear;
}

function unBirthDate(node: XmlNode): BirthDate | undefined {
  const kind = text(node.TYPE_OF_DATE)?.toUpperCase();
  const from = text(node.FROM_YEAR);
  const to = text(node.TO_YEAR);
  if (from && to) {
    const start = parseDatePoint(from);
    const end = parseDatePoint(to);
    return start && end ? birthDateBetween(start, end) : undefined;
  }
  const published = text(node.DATE) ?? text(node.YEAR);
  const point = published ? parseDatePoint(published) : undefined;
  if (!point) return undefined;
  return kind === 'APPROXIMATELY' ? circaBirthDate(point.year) : { ...point };
}

function unAddress(node: XmlNode): EntityAddress | undefined {
  const address: EntityAddress = {};
  const street = text(node.STREET);
  const city = [text(node.CITY), text(node.STATE_PROVINCE), text(node.ZIP_CODE)].filter(Boolean).join(', ');
  const country = text(node.COUNTRY);
  if (street) address.street = street;
  if (city) address.city = city;
  if (country) {
    address.country = country;
    const code = countryCode(country);
    if (code) address.countryCode = code;
  }
  return Object.keys(address).length > 0 ? address : undefined;
}
