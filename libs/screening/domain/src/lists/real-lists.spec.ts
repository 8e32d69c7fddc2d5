import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListSnapshot, SanctionedEntity } from '../model';
import { parseEuFsfJson } from './eu-fsf-json.parser';
import { listDelta } from './list-delta';
import { parseOfacLegacyCsv } from './ofac-legacy-csv.parser';
import { parseUnConsolidatedXml } from './un-consolidated-xml.parser';

const DATA = resolve(__dirname, '../../../../../data/sanctions');
const text = (path: string) => {
  const bytes = readFileSync(resolve(DATA, path));
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

function typeCounts(snapshot: ListSnapshot): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of snapshot.entities) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
}

function byId(snapshot: ListSnapshot, id: string): SanctionedEntity {
  const entity = snapshot.entities.find((e) => e.id === id);
  if (!entity) throw new Error(`${id} not found`);
  return entity;
}

describe('the shipped sanctions lists', () => {
  let ofac: ListSnapshot;
  let ofacMay2024: ListSnapshot;
  let un: ListSnapshot;
  let eu: ListSnapshot;

  beforeAll(() => {
    const dir = 'ofac/sdn-2023-12-28';
    ofac = parseOfacLegacyCsv({
      sdn: text(`${dir}/sdn.csv.gz`),
      alt: text(`${dir}/alt.csv.gz`),
      add: text(`${dir}/add.csv.gz`),
      comments: text(`${dir}/sdn_comments.csv.gz`),
      publishedAt: '2023-12-28',
    });
    ofacMay2024 = parseOfacLegacyCsv({ sdn: text('ofac/sdn-2024-05-03.csv.gz'), publishedAt: '2024-05-03' });
    un = parseUnConsolidatedXml(text('un/un-consolidated-2026-02-27.xml.gz'));
    eu = parseEuFsfJson(text('eu/eu-fsf-derived-2025-04-15.json.gz'));
  });

  describe('OFAC SDN 2023-12-28', () => {
    it('has every entry, split by type', () => {
      expect(ofac.entities).toHaveLength(13_821);
      expect(typeCounts(ofac)).toEqual({ person: 6_646, organization: 6_033, vessel: 764, aircraft: 378 });
    });

    it('counts the programs as published', () => {
      const count = (program: string) => ofac.entities.filter((e) => e.programs.includes(program)).length;
      expect([count('RUSSIA-EO14024'), count('SDGT'), count('SDNTK'), count('IFSR'), count('NPWMD')]).toEqual(
        [3_523, 2_213, 1_442, 1_089, 898],
      );
      expect(ofac.entities.some((e) => e.programs.some((p) => /[[\]]/.test(p)))).toBe(false);
    });

    it('takes every alt.csv name as a strong alias and every remarks a.k.a. as a weak one', () => {
      const strong = ofac.entities.flatMap((e) => e.aliases.filter((a) => a.strength === 'strong'));
      expect(strong).toHaveLength(17_091);
      expect(['aka', 'fka', 'nka'].map((kind) => strong.filter((a) => a.kind === kind).length)).toEqual([
        16_507, 567, 17,
      ]);
      expect(byId(ofac, 'ofac:306').aliases).toContainEqual({ name: 'BNC', strength: 'weak', kind: 'aka' });
      expect(
        ofac.entities.filter((e) => e.aliases.some((a) => a.strength === 'weak' && a.kind === 'aka')).length,
      ).toBe(1_867);
    });

    it('recovers exactly the published digital currency addresses, including those in the remarks overflow', () => {
      const reference = text('crypto/ofac-sdn-digital-currency-addresses-2023-12-28.csv')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((row) => {
          const fields = row.split(',');
          return `ofac:${fields[0]} ${fields.at(-2)} ${fields.at(-1)}`;
        });
      const parsed = ofac.entities.flatMap((e) =>
        e.cryptoAddresses.map((c) => `${e.id} ${c.currency} ${c.address}`),
      );
      expect(parsed.sort()).toEqual(reference.sort());
      expect(parsed).toHaveLength(579);
      expect(new Set(parsed.map((row) => row.split(' ').slice(1).join(' '))).size).toBe(576);
      expect(ofac.entities.filter((e) => e.cryptoAddresses.length > 0)).toHaveLength(49);
    });

    it('reassembles the Tornado Cash address split between sdn.csv and sdn_comments.csv', () => {
      const tornado = byId(ofac, 'ofac:39796');
      expect(tornado.name).toBe('TORNADO CASH');
      expect(tornado.cryptoAddresses).toContainEqual({
        currency: 'ETH',
        address: '0x4736dCf1b7A3d580672CcE6E7c65cd5cc9cFBa9D',
      });
      expect(tornado.cryptoAddresses).toContainEqual({
        currency: 'ETH',
        address: '0x242654336ca2205714071898f67E254EB49ACdCe',
      });
      expect(ofac.entities.filter((e) => (e.remarks?.length ?? 0) > 1_000)).toHaveLength(17);
    });

    it('reads birth dates, nationalities and addresses', () => {
      const putin = byId(ofac, 'ofac:35096');
      expect(putin.name).toBe('PUTIN, Vladimir Vladimirovich');
      expect(putin.birthDates).toEqual([{ year: 1952, month: 10, day: 7 }]);
      expect(putin.nationalities).toEqual(['RU']);
      expect(putin.addresses).toContainEqual({
        street: 'Kremlin',
        city: 'Moscow',
        country: 'Russia',
        countryCode: 'RU',
      });
      expect(ofac.entities.filter((e) => e.birthDates.length > 0)).toHaveLength(6_527);
      expect(
        ofac.entities.filter((e) => e.type === 'person' && e.birthDates.length === 0).length,
      ).toBeLessThan(150);
    });

    it('resolves every country it is given except places that are no single country', () => {
      const unresolved = new Set(
        ofac.entities.flatMap((e) =>
          e.addresses.filter((a) => a.country && !a.countryCode).map((a) => a.country),
        ),
      );
      expect([...unresolved].sort()).toEqual([
        'Netherlands Antilles',
        'Region: Commonwealth of Independent States',
        'Region: Kafia Kingi',
        'undetermined',
      ]);
      const statesNationality = ofac.entities.filter((e) => /\b(nationality|citizen) /.test(e.remarks ?? ''));
      const resolved = statesNationality.filter((e) => e.nationalities.length > 0);
      expect(resolved.length / statesNationality.length).toBeGreaterThan(0.99);
    });
  });

  describe('OFAC SDN 2024-05-03 (primary file only)', () => {
    it('has every entry, split by type', () => {
      expect(ofacMay2024.entities).toHaveLength(14_965);
      expect(typeCounts(ofacMay2024)).toEqual({
        person: 6_854,
        organization: 6_884,
        vessel: 851,
        aircraft: 376,
      });
    });

    it('differs from 2023-12-28 by 1,256 added and 112 removed entries', () => {
      const delta = listDelta(ofac, ofacMay2024);
      expect(delta.added).toHaveLength(1_256);
      expect(delta.removed).toHaveLength(112);
      expect(new Set(delta.added.map((e) => e.id)).size).toBe(1_256);
    });
  });

  describe('UN consolidated list', () => {
    it('has every record, split by type, dated by the file', () => {
      expect(un.entities).toHaveLength(1_003);
      expect(typeCounts(un)).toEqual({ person: 730, organization: 273 });
      expect(un.publishedAt).toBe('2026-02-27T00:00:09.554Z');
    });

    it('keeps every alias with a name, weak for quality Low, and the original-script names', () => {
      const aliases = (type: string) => un.entities.filter((e) => e.type === type).flatMap((e) => e.aliases);
      const persons = aliases('person').filter((a) => a.kind !== 'original_script');
      expect(persons).toHaveLength(2_139);
      expect(persons.filter((a) => a.strength === 'weak')).toHaveLength(615);
      expect(aliases('organization').filter((a) => a.kind !== 'original_script')).toHaveLength(613);
      expect(un.entities.filter((e) => e.aliases.some((a) => a.kind === 'original_script'))).toHaveLength(
        378,
      );
    });

    it('takes programs from the list type', () => {
      const count = (program: string) => un.entities.filter((e) => e.programs.includes(program)).length;
      expect([count('Al-Qaida'), count('DPRK'), count('Taliban')]).toEqual([341, 155, 140]);
    });

    it('reads birth dates and nationalities', () => {
      const people = un.entities.filter((e) => e.type === 'person');
      expect(people.filter((e) => e.birthDates.length > 0).length).toBeGreaterThan(650);
      expect(people.filter((e) => e.nationalities.length > 0).length).toBeGreaterThan(600);
    });
  });

  describe('EU consolidated list (derived JSON)', () => {
    it('has every record, split by type', () => {
      expect(eu.entities).toHaveLength(5_307);
      expect(typeCounts(eu)).toEqual({ person: 4_103, organization: 1_204 });
      expect(eu.publishedAt).toBe('2025-04-15T10:47:55.991021');
    });

    it('keeps the first name alias as the name and the rest as aliases', () => {
      const putin = byId(eu, 'eu:135909');
      expect(putin.name).toBe('Влади́мир Влади́мирович ПУ́ТИН');
      expect(putin.aliases.map((a) => a.name)).toContain('Vladimir Vladimirovich PUTIN');
    });

    it('reads every birth date but one written in another calendar', () => {
      expect(eu.entities.filter((e) => e.birthDates.length > 0)).toHaveLength(3_522);
      expect(byId(eu, 'eu:127401').birthDates).toEqual([]);
    });
  });
});
