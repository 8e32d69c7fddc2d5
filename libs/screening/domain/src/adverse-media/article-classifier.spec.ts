import { describe, expect, it } from 'vitest';
import { classifyRiskCategories, type CategoryFinding } from './article-classifier';
import { RISK_CATEGORIES } from './risk-category';
import { RISK_LEXICON } from './risk-lexicon';

const classify = (...passages: string[]) => classifyRiskCategories(passages);
const finding = (findings: CategoryFinding[], category: string) =>
  findings.find((item) => item.category === category);

describe('classifyRiskCategories', () => {
  it('recognises each category from its own vocabulary, whatever the inflection', () => {
    const examples: Record<string, string> = {
      financial_crime: 'The trader was charged with insider trading and market manipulation.',
      fraud: 'She was arrested for defrauding pensioners in a Ponzi scheme.',
      corruption: 'The minister was accused of taking bribes and kickbacks.',
      terrorism: 'He was convicted of terrorism offences after a bomb plot.',
      sanctions_evasion: 'Prosecutors say the firm evaded international sanctions through a front company.',
      money_laundering: 'He was convicted of laundering the proceeds of crime.',
      organised_crime:
        'Police say he is accused of running a protection racket for an organized crime group.',
      drug_trafficking: 'The captain was charged with drug trafficking after cocaine was found.',
      human_trafficking: 'The agency was accused of human trafficking and forced labour.',
      arms_trafficking: 'He was arrested for arms trafficking and gunrunning.',
      cybercrime: 'The student admitted a phishing campaign and spreading ransomware.',
      tax_evasion: 'The developer was charged with tax evasion on undeclared income.',
      violent_crime: 'He was convicted of murder and armed robbery.',
    };
    expect(Object.keys(examples).sort()).toEqual([...RISK_CATEGORIES].sort());
    for (const [category, text] of Object.entries(examples)) {
      const findings = classify(text);
      expect(findings[0]?.category, text).toBe(category);
      expect(findings[0].confidence, text).toBeGreaterThan(0.7);
      expect(findings[0].exculpated, text).toBe(false);
    }
  });

  it('has a lexicon entry of positive weight for every category', () => {
    for (const category of RISK_CATEGORIES) {
      expect(RISK_LEXICON[category].length).toBeGreaterThan(0);
      for (const entry of RISK_LEXICON[category]) expect(entry.weight).toBeGreaterThan(0);
    }
  });

  it('gives the evidence as written and is blind to case and accents', () => {
    const findings = classify('FRAUDULENT transfers: she was ACCUSÉD of fraud.');
    expect(finding(findings, 'fraud')?.evidence).toEqual(['fraudulent', 'fraud']);
  });

  it('marks a category cleared by an acquittal, dropped charges, a quashed conviction or "not charged"', () => {
    for (const text of [
      'A jury acquitted her of fraud on Tuesday.',
      'Fraud charges against the two directors were dropped.',
      'The appeal court quashed his conviction for fraud.',
      'He was not charged, closing a fraud inquiry.',
      'She was cleared of fraud by the tribunal.',
      'He was exonerated of fraud.',
    ]) {
      expect(finding(classify(text), 'fraud')?.exculpated, text).toBe(true);
    }
  });

  it('reads a plea of not guilty as a denial, not an acquittal', () => {
    const fraud = finding(classify('He pleaded not guilty to fraud charges.'), 'fraud');
    expect(fraud?.exculpated).toBe(false);
    expect(fraud?.confidence).toBeGreaterThan(0.7);
  });

  it('lets an outcome standing alone clear what the text raised before it, not what it raises after', () => {
    const findings = classify(
      'She stood trial for fraud.',
      'She was acquitted on all counts.',
      'She now faces a separate tax evasion investigation.',
    );
    expect(finding(findings, 'fraud')?.exculpated).toBe(true);
    expect(finding(findings, 'tax_evasion')?.exculpated).toBe(false);
  });

  it('keeps an outcome within its clause', () => {
    const findings = classify('He was cleared of the assault charge but convicted of fraud.');
    expect(finding(findings, 'violent_crime')?.exculpated).toBe(true);
    expect(finding(findings, 'fraud')?.exculpated).toBe(false);
  });

  it('discounts an offence word right after a negation', () => {
    const negated = finding(
      classify('Auditors found no sign of fraud in the accounts, the court heard.'),
      'fraud',
    );
    const plain = finding(
      classify('Auditors found signs of fraud in the accounts, the court heard.'),
      'fraud',
    );
    expect(negated!.confidence).toBeLessThan(plain!.confidence / 4);
  });

  it('ignores words naming the fight against an offence', () => {
    expect(classify('Anti-fraud expert warns pensioners; counter-terrorism police train staff.')).toEqual([]);
    expect(classify('She spoke at a fraud prevention conference about money laundering compliance.')).toEqual(
      [],
    );
  });

  it('trusts an offence word less when no word of accusation or legal process accompanies it', () => {
    const topic = finding(classify('The documentary is about fraud.'), 'fraud');
    const accusation = finding(classify('He was charged with fraud.'), 'fraud');
    expect(topic!.confidence).toBeLessThan(accusation!.confidence);
  });

  it('counts a phrase once however often it is repeated, and a longer phrase instead of the shorter inside it', () => {
    const once = finding(classify('He was charged with fraud.'), 'fraud');
    const repeated = finding(
      classify('He was charged with fraud.', 'The fraud was large. Fraud, fraud, fraud.'),
      'fraud',
    );
    expect(repeated?.confidence).toBe(once?.confidence);
    const laundering = finding(classify('He was charged with money laundering.'), 'money_laundering');
    expect(laundering?.evidence).toEqual(['money laundering']);
  });

  it('finds nothing in a text about no offence, and in an empty one', () => {
    expect(classify('The goalkeeper signed a three-year contract after eleven clean sheets.')).toEqual([]);
    expect(classify()).toEqual([]);
    expect(classify('')).toEqual([]);
  });
});
