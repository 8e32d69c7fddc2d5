import { describe, expect, it } from 'vitest';
import { extractNameMentions } from './name-mentions';

const names = (text: string) => extractNameMentions(text).map((mention) => mention.text);

describe('extractNameMentions', () => {
  it('finds runs of capitalised words and gives their offsets', () => {
    const text = 'Police arrested Tobias Wrenfield in Port Alden on Tuesday.';
    const mentions = extractNameMentions(text);
    expect(mentions.map((mention) => mention.text)).toEqual(['Tobias Wrenfield', 'Port Alden']);
    for (const mention of mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it('keeps particles, initials, hyphens and prefixed names inside a name', () => {
    expect(names('Lawyers for Anna van der Berg met John F. Kennedy and Yusuf al-Marzani.')).toEqual([
      'Anna van der Berg',
      'John F. Kennedy',
      'Yusuf al-Marzani',
    ]);
    expect(names('The fund was run by Nadia Ferreira-Holt and Sean O’Neill.')).toEqual([
      'Nadia Ferreira-Holt',
      'Sean O’Neill',
    ]);
    expect(names('He later said van der Berg had agreed.')).toEqual(['van der Berg']);
    expect(names('What do we know?')).toEqual([]);
  });

  it('cuts a name at punctuation, function words, acronyms and possessives', () => {
    expect(names('Tobias Wrenfield, Priya Ramadhani and Lena Voss')).toEqual([
      'Tobias Wrenfield',
      'Priya Ramadhani',
      'Lena Voss',
    ]);
    expect(names('Kestrel Bay CEO Anneliese Drummond met the UN envoy Lars Berg')).toEqual([
      'Kestrel Bay',
      'Anneliese Drummond',
      'Lars Berg',
    ]);
    expect(names("Wrenfield's Lawyer Says Client Innocent")).toEqual(['Wrenfield', 'Says Client Innocent']);
  });

  it('separates a title or role from the name and marks bystanders', () => {
    const mentions = extractNameMentions(
      'Judge Maria Castellane heard the case. His lawyer, Ines Farrow, spoke. One victim, Agnes Whitlow, wept. Mr. Okafor and businessman Daniel Okafor left.',
    );
    expect(mentions.map(({ text, role, bystander }) => ({ text, role, bystander }))).toEqual([
      { text: 'Maria Castellane', role: 'judge', bystander: true },
      { text: 'Ines Farrow', role: 'lawyer', bystander: true },
      { text: 'One', role: undefined, bystander: false },
      { text: 'Agnes Whitlow', role: 'victim', bystander: true },
      { text: 'Okafor', role: 'mr', bystander: false },
      { text: 'Daniel Okafor', role: 'businessman', bystander: false },
    ]);
  });

  it('applies a role only to the name right after it', () => {
    expect(extractNameMentions('Prosecutors charged Tobias Wrenfield.')).toEqual([
      { text: 'Tobias Wrenfield', start: 20, end: 36, bystander: false },
    ]);
    expect(extractNameMentions('The judge. Tobias Wrenfield left.')[0]).toMatchObject({
      text: 'Tobias Wrenfield',
      bystander: false,
    });
  });

  it('reads a surname that is also a role word as part of the name', () => {
    expect(names('Pianist Maria Singer and Tom Judge played.')).toEqual([
      'Pianist Maria Singer',
      'Tom Judge',
    ]);
  });

  it('reads the age given with a name', () => {
    const text =
      'Rasmus Tolvanen, 58, was jailed. The 44-year-old trawler owner Mateo Ibarrola was charged. Lena Voss (39) spoke. Ana Ruiz, aged 31, left. Omar Haddad, 4000, is no age.';
    expect(extractNameMentions(text).map(({ text: name, age }) => ({ name, age }))).toEqual([
      { name: 'Rasmus Tolvanen', age: 58 },
      { name: 'Mateo Ibarrola', age: 44 },
      { name: 'Lena Voss', age: 39 },
      { name: 'Ana Ruiz', age: 31 },
      { name: 'Omar Haddad', age: undefined },
    ]);
  });

  it('answers nothing for text without capitalised words', () => {
    expect(extractNameMentions('no names here, only words.')).toEqual([]);
    expect(extractNameMentions('')).toEqual([]);
  });
});
