/** The lists the platform screens against; an entity id is `<list>:<id on that list>`. */
export type SanctionsListId = 'ofac' | 'un' | 'eu';

export const SANCTIONS_LISTS: readonly SanctionsListId[] = ['ofac', 'un', 'eu'];

export type EntityType = 'person' | 'organization' | 'vessel' | 'aircraft';

/**
 * How much an alias identifies its holder. OFAC's "weak" aliases (a.k.a. 'X' inside remarks) and the UN's
 * aliases of quality Low are too broad to raise a hit on their own; a match on them scores lower.
 */
export type AliasStrength = 'strong' | 'weak';

export interface EntityAlias {
  name: string;
  strength: AliasStrength;
  /** aka, fka, nka (OFAC alt_type), 'original_script' (UN NAME_ORIGINAL_SCRIPT), 'alias' otherwise. */
  kind: 'aka' | 'fka' | 'nka' | 'original_script' | 'alias';
}

/** A published birth date: exact, year and month, year only, or a range of years ("circa", "between"). */
export interface BirthDate {
  year: number;
  month?: number;
  day?: number;
  /** Set for a range: the date is somewhere in year..toYear. */
  toYear?: number;
}

export interface EntityAddress {
  street?: string;
  city?: string;
  /** As published (e.g. "Russia", "Korea, North"); countryCode when it resolves. */
  country?: string;
  countryCode?: string;
}

export interface CryptoAddress {
  /** The list's currency code, upper case: XBT, ETH, USDT, TRX, ... */
  currency: string;
  /** As published. */
  address: string;
}

export interface SanctionedEntity {
  /** `ofac:<ent_num>`, `un:<DATAID>`, `eu:<logicalId>`. */
  id: string;
  list: SanctionsListId;
  type: EntityType;
  /** The primary name as published (OFAC individuals as "LAST, First Middle"). */
  name: string;
  aliases: EntityAlias[];
  birthDates: BirthDate[];
  /** ISO 3166-1 alpha-2 codes where the published nationality or citizenship resolves. */
  nationalities: string[];
  addresses: EntityAddress[];
  /** OFAC programs (SDGT, RUSSIA-EO14024, ...), UN list types (Al-Qaida, DPRK, ...), EU regimes when known. */
  programs: string[];
  cryptoAddresses: CryptoAddress[];
  /** Free-text remarks as published, reassembled when the source splits them. */
  remarks?: string;
}

/** One published version of one list, as loaded. */
export interface ListSnapshot {
  list: SanctionsListId;
  /** The publication's date or generation timestamp (ISO 8601), used to order versions. */
  publishedAt: string;
  entities: SanctionedEntity[];
}
