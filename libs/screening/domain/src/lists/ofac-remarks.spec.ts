import { describe, expect, it } from 'vitest';
import { parseOfacRemarks } from './ofac-remarks';

describe('parseOfacRemarks', () => {
  it('reads weak aliases, including quotes inside the name and former or new names', () => {
    const facts = parseOfacRemarks(
      "a.k.a. 'ABU-'UMAR'; a.k.a. ''FUPI''; f.k.a. 'SAND SWAN'; n.k.a. 'NEW, Name'; a.k.a. 'SUE RC 'KMP''.",
    );
    expect(facts.weakAliases).toEqual([
      { name: "ABU-'UMAR", strength: 'weak', kind: 'aka' },
      { name: "'FUPI'", strength: 'weak', kind: 'aka' },
      { name: 'SAND SWAN', strength: 'weak', kind: 'fka' },
      { name: 'NEW, Name', strength: 'weak', kind: 'nka' },
      { name: "SUE RC 'KMP'", strength: 'weak', kind: 'aka' },
    ]);
  });

  it('reads every birth date, the alternative ones too', () => {
    const facts = parseOfacRemarks(
      'DOB 14 Mar 1974; alt. DOB 1970 to 1972; alt. DOB circa 1961; alt. DOB Aug 1970; POB Zanzibar, Tanzania.',
    );
    expect(facts.birthDates).toEqual([
      { year: 1974, month: 3, day: 14 },
      { year: 1970, toYear: 1972 },
      { year: 1960, toYear: 1962 },
      { year: 1970, month: 8 },
    ]);
  });

  it('resolves nationality, citizenship and nationality of registration to ISO codes, once each', () => {
    const facts = parseOfacRemarks(
      'nationality Korea, North; alt. nationality Russia; citizen Russia; Nationality of Registration Virgin Islands, British; alt. citizen undetermined.',
    );
    expect(facts.nationalities).toEqual(['KP', 'RU', 'VG']);
  });

  it('does not take a place of birth or an address for a nationality', () => {
    expect(parseOfacRemarks('POB Tehran, Iran; Passport 123 (Iran)').nationalities).toEqual([]);
  });

  it('reads digital currency addresses with their currency code', () => {
    const facts = parseOfacRemarks(
      'Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency Address - ETH 0x7F367cC41522cE07553e823bf3be79A889DEbe1B; Linked To: X.',
    );
    expect(facts.cryptoAddresses).toEqual([
      { currency: 'XBT', address: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' },
      { currency: 'ETH', address: '0x7F367cC41522cE07553e823bf3be79A889DEbe1B' },
    ]);
  });
});
