import type { BirthDate, CryptoAddress, EntityAlias } from '../model';
import { countryCode } from './country-codes';
import { parseOfacBirthDate } from './published-birth-date';

/** What OFAC's legacy CSV keeps only inside the free-text Remarks column. */
export interface OfacRemarkFacts {
  weakAliases: EntityAlias[];
  birthDates: BirthDate[];
  nationalities: string[];
  cryptoAddresses: CryptoAddress[];
}

/**
 * Weak aliases are quoted with single quotes that may also occur inside the name ('ABU-'UMAR'), so a name ends only
 * at a quote followed by the end of the clause.
 */
const WEAK_ALIAS = /\b([afn])\.k\.a\. '(.+?)'(?=[;,.)]|\s|$)/g;
/** The pattern OFAC's own address list is derived with; it matches the currency code and the address as written. */
const CRYPTO_ADDRESS = /Digital Currency Address - ([A-Z0-9]+)\s+([A-Za-z0-9:]+)/g;
const BIRTH_DATE = /^(?:alt\. )?DOB (.+)$/;
const NATIONALITY = /^(?:alt\. )?(?:nationality of registration|nationality|citizen) (.+)$/i;

/** Reads the facts out of one entry's complete remarks (sdn.csv remarks with any sdn_comments overflow appended). */
export function parseOfacRemarks(remarks: string): OfacRemarkFacts {
  const facts: OfacRemarkFacts = { weakAliases: [], birthDates: [], nationalities: [], cryptoAddresses: [] };

  for (const m of remarks.matchAll(WEAK_ALIAS)) {
    const name = m[2].trim();
    if (name) facts.weakAliases.push({ name, strength: 'weak', kind: `${m[1]}ka` as EntityAlias['kind'] });
  }
  for (const m of remarks.matchAll(CRYPTO_ADDRESS)) {
    facts.cryptoAddresses.push({ currency: m[1], address: m[2] });
  }
  for (const rawClause of remarks.split(';')) {
    const clause = rawClause.trim().replace(/\.$/, '');
    const dob = BIRTH_DATE.exec(clause);
    if (dob) {
      const date = parseOfacBirthDate(dob[1]);
      if (date) facts.birthDates.push(date);
      continue;
    }
    const nationality = NATIONALITY.exec(clause);
    if (nationality) {
      const code = countryCode(nationality[1]);
      if (code && !facts.nationalities.includes(code)) facts.nationalities.push(code);
    }
  }
  return facts;
}
