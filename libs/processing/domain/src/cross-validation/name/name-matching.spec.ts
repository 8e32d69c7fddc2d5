import { describe, expect, it } from 'vitest';
import { documentNameSide, type FormNamePart, formNameSide } from './build-name-sides';
import { compareNameSides } from './name-comparison';
import { DEFAULT_NAME_TOLERANCE, nameVerdict, type NameTolerance } from './name-tolerance';

const SIDES = { expected: 'the form', document: 'the document' };

function full(value: string): FormNamePart[] {
  return [{ role: 'unknown', field: 'personal.full_name', value }];
}

function parts(given: string, surname: string, middle?: string): FormNamePart[] {
  return [
    { role: 'given', field: 'personal.first_name', value: given },
    ...(middle ? [{ role: 'given' as const, field: 'personal.middle_name', value: middle }] : []),
    { role: 'surname', field: 'personal.last_name', value: surname },
  ];
}

function judge(
  form: FormNamePart[],
  surname: string | null,
  given: string | null,
  tolerance?: NameTolerance,
) {
  const comparison = compareNameSides(
    formNameSide(form),
    documentNameSide({ surname, given_names: given, full_name: [given, surname].filter(Boolean).join(' ') }),
  );
  return { comparison, verdict: nameVerdict(comparison, tolerance ?? DEFAULT_NAME_TOLERANCE, SIDES) };
}

type Case = [
  label: string,
  form: FormNamePart[],
  surname: string | null,
  given: string | null,
  detail?: string,
];

// Realistic pairs of a form's name and a zone's name, with what a reviewer expects of each.
const SAME_NAME: Case[] = [
  ['plain', full('John Smith'), 'SMITH', 'JOHN'],
  ['case', full('JOHN smith'), 'SMITH', 'JOHN'],
  ['surname first in a full-name field', full('Smith John'), 'SMITH', 'JOHN'],
  ['umlauts as digraphs', full('Jürgen Müller'), 'MUELLER', 'JUERGEN'],
  ['umlauts as single letters', full('Jürgen Müller'), 'MULLER', 'JURGEN'],
  ['Danish letters', full('Søren Ørsted'), 'OERSTED', 'SOEREN'],
  ['Swedish letters', full('Åsa Ångström'), 'AANGSTROEM', 'AASA'],
  ['Spanish letters', full('José Ñúñez'), 'NUNEZ', 'JOSE'],
  ['French accents', full('François Lefèvre'), 'LEFEVRE', 'FRANCOIS'],
  ['sharp s', full('Heinz Groß'), 'GROSS', 'HEINZ'],
  ['ligature', full('Ægir Bærentsen'), 'BAERENTSEN', 'AEGIR'],
  ['Cyrillic, ICAO 9303', full('Юлия Щербакова'), 'SHCHERBAKOVA', 'IULIIA'],
  ['Cyrillic, older passport spelling', full('Юлия Щербакова'), 'SHCHERBAKOVA', 'YULIYA'],
  ['Ukrainian', full('Григорій Шевченко'), 'SHEVCHENKO', 'HRYHORII'],
  ['Greek', full('Γιώργος Παπαδόπουλος'), 'PAPADOPOULOS', 'GIORGOS'],
  ['surname first, several given names', full('Mustermann Erika Maria'), 'MUSTERMANN', 'ERIKA MARIA'],
  ['hyphenated given names', full('Jean-Luc Picard'), 'PICARD', 'JEAN LUC'],
  ['hyphenated name written together', full('Jean-Luc Picard'), 'PICARD', 'JEANLUC'],
  ['apostrophe left out', full("Seán O'Brien"), 'OBRIEN', 'SEAN'],
  ['apostrophe as a filler', full("Conor O'Brien"), 'O BRIEN', 'CONOR'],
  ['particle', full('Ludwig van Beethoven'), 'VAN BEETHOVEN', 'LUDWIG'],
  ['courtesy title typed', full('Dr. Hans Weber'), 'WEBER', 'HANS'],
  ['two surnames', full('Gabriel García Márquez'), 'GARCIA MARQUEZ', 'GABRIEL'],
  ['parts', parts('Anna Maria', 'Schmidt'), 'SCHMIDT', 'ANNA MARIA'],
  ['parts with a middle name field', parts('Anna', 'Schmidt', 'Maria'), 'SCHMIDT', 'ANNA MARIA'],
  // VAN<DEN<HEUVEL<<ALEXANDRA<MARG fills a TD1 zone's 30 characters; the TD3 zone's 39 cut later.
  [
    'cut to a TD1 zone',
    full('Alexandra Margaretha Johanna van den Heuvel'),
    'VAN DEN HEUVEL',
    'ALEXANDRA MARG',
  ],
  [
    'cut to a TD3 zone',
    full('Alexandra Margaretha Johanna van den Heuvel'),
    'VAN DEN HEUVEL',
    'ALEXANDRA MARGARETHA JO',
  ],
  [
    'cut, given names as initials',
    full('Maximiliane Theodora Henriette Wolkenstein-Rodenegg'),
    'WOLKENSTEIN RODENEGG',
    'M T HENR',
  ],
];

const PARTLY_SAME: Case[] = [
  [
    'middle name missing from the form',
    full('John Smith'),
    'SMITH',
    'JOHN MICHAEL',
    'extra_name_on_document',
  ],
  [
    'middle name missing from the document',
    full('John Michael Smith'),
    'SMITH',
    'JOHN',
    'extra_name_in_form',
  ],
  ['middle name as an initial', full('John F Smith'), 'SMITH', 'JOHN FITZGERALD', 'initial'],
  ['another romanisation', full('Mohammed Al Hashimi'), 'AL HASHIMI', 'MUHAMMAD', 'spelling_variant'],
  [
    'an Arabic-script name against its zone spelling',
    full('محمد حسن'),
    'HASSAN',
    'MOHAMMED',
    'spelling_variant',
  ],
  ['a short Arabic-script name (two consonants)', full('عمر حسن'), 'HASAN', 'OMAR', 'spelling_variant'],
  [
    'two given names and two surnames, one of each left out',
    full('Juan García'),
    'GARCIA LOPEZ',
    'JUAN CARLOS',
    'extra_name_on_document',
  ],
  ['Latin spelling of a Russian name', full('Alexei Ivanov'), 'IVANOV', 'ALEKSEI', 'spelling_variant'],
  ['Latin spelling one letter off', full('Aleksey Ivanov'), 'IVANOV', 'ALEKSEI', 'one_character'],
  [
    'one letter misread in a long word',
    full('Christopher Wainwright'),
    'WAINWRIGHT',
    'CHRISTOPHEP',
    'one_character',
  ],
  ['umlaut typed without its e', full('Jürgen Muller'), 'MUELLER', 'JUERGEN', 'one_character'],
  ['one letter in a five-letter surname', full('John Smyth'), 'SMITH', 'JOHN', 'one_character'],
  ['given names swapped', full('Maria Anna Schmidt'), 'SCHMIDT', 'ANNA MARIA', 'order'],
  ['given name and surname in each other’s field', parts('Smith', 'John'), 'SMITH', 'JOHN', 'parts_swapped'],
  ['second surname left out', full('Gabriel García'), 'GARCIA MARQUEZ', 'GABRIEL', 'extra_name_on_document'],
  [
    'a zone not full does not excuse a missing name',
    full('Anna Maria Luise Schmidt'),
    'SCHMIDT',
    'ANNA MARIA',
    'extra_name_in_form',
  ],
];

const DIFFERENT_PEOPLE: Case[] = [
  ['same surname, another given name', full('Peter Müller'), 'MUELLER', 'HANS', 'given_names_differ'],
  [
    'sisters: same first given name, another second',
    full('Anna Lena Schmidt'),
    'SCHMIDT',
    'ANNA MARIA',
    'names_conflict',
  ],
  ['same given name, another surname', full('John Smith'), 'JONES', 'JOHN', 'surname_differs'],
  [
    'same given names, another surname (parts)',
    parts('Anna Maria', 'Schmidt'),
    'WEBER',
    'ANNA MARIA',
    'surname_differs',
  ],
  ['maiden name against married name', full('Maria Schmidt'), 'WEBER', 'MARIA', 'surname_differs'],
  ['completely different name', full('Li Wei'), 'GARCIA', 'MARIA', 'no_common_name'],
  [
    'given name of one, surname of the other',
    full('Thomas Anderson'),
    'THOMAS',
    'PETER',
    'given_names_differ',
  ],
  ['masculine and feminine given name', full('Daniela Rossi'), 'ROSSI', 'DANIEL', 'given_names_differ'],
  ['brother and sister', full('Alexandra Petrova'), 'PETROV', 'ALEXANDER', 'no_common_name'],
  ['Polish masculine and feminine surname', full('Jan Kowalski'), 'KOWALSKA', 'JANA', 'no_common_name'],
  ['short names one letter apart', full('Anne Martin'), 'MARTIN', 'ANNA', 'given_names_differ'],
  ['surnames differing in the first letter', full('Tom Jones'), 'BONES', 'TOM', 'surname_differs'],
  ['an Arabic-script name sharing one consonant', full('علي حسن'), 'HASAN', 'ELIA', 'given_names_differ'],
  ['only a given name in the form', full('Maria'), 'SCHMIDT', 'MARIA', 'surname_differs'],
  [
    'cut zone does not excuse a different name',
    full('Alexandra Margaretha Johanna van den Heuvel'),
    'VAN DEN HEUVEL',
    'ALEXANDRA MART',
    'names_conflict',
  ],
];

describe('name matching between a form and a document zone', () => {
  it.each(SAME_NAME)('accepts %s', (_label, form, surname, given) => {
    const { verdict } = judge(form, surname, given);
    expect(verdict).toEqual({ severity: 'none', reasons: [] });
  });

  it.each(PARTLY_SAME)('warns on %s', (_label, form, surname, given, detail) => {
    const { comparison, verdict } = judge(form, surname, given);
    expect(comparison.fatal).toBeNull();
    expect(comparison.differences.map((d) => d.kind)).toContain(detail);
    expect(verdict.severity).toBe('warning');
  });

  it.each(DIFFERENT_PEOPLE)('refuses %s', (_label, form, surname, given, detail) => {
    const { comparison, verdict } = judge(form, surname, given);
    expect(comparison.fatal?.kind).toBe(detail);
    expect(verdict.severity).toBe('error');
  });

  it('lets the tolerance accept or refuse a kind of difference', () => {
    const lenient = { ...DEFAULT_NAME_TOLERANCE, extra_name_on_document: 'accept' as const };
    expect(judge(full('John Smith'), 'SMITH', 'JOHN MICHAEL', lenient).verdict.severity).toBe('none');
    const strict = { ...DEFAULT_NAME_TOLERANCE, one_character: 'error' as const };
    expect(judge(full('John Smyth'), 'SMITH', 'JOHN', strict).verdict.severity).toBe('error');
    const noTruncation = { ...DEFAULT_NAME_TOLERANCE, truncated: 'warning' as const };
    const cut = judge(
      full('Alexandra Margaretha Johanna van den Heuvel'),
      'VAN DEN HEUVEL',
      'ALEXANDRA MARG',
      noTruncation,
    );
    expect(cut.verdict.severity).toBe('warning');
  });

  it('names the form field most concerned, and no personal data in its reasons', () => {
    const { verdict } = judge(parts('Anna', 'Schmidt'), 'WEBER', 'ANNA');
    expect(verdict.field).toBe('personal.last_name');
    const partial = judge(parts('Anna', 'Schmidt', 'Maria'), 'SCHMIDT', 'ANNA').verdict;
    expect(partial.field).toBe('personal.middle_name');
    for (const reason of [...verdict.reasons, ...partial.reasons])
      expect(reason).not.toMatch(/anna|schmidt|weber|maria/i);
  });

  it('is unaffected by which side a token comes from when both are zones', () => {
    const passport = documentNameSide({ surname: 'MUELLER', given_names: 'HANS PETER', full_name: null });
    const card = documentNameSide({ surname: 'MUELLER', given_names: 'HANS', full_name: null });
    expect(compareNameSides(passport, card).differences.map((d) => d.kind)).toEqual(['extra_name_in_form']);
    expect(compareNameSides(card, passport).differences.map((d) => d.kind)).toEqual([
      'extra_name_on_document',
    ]);
  });

  it('excuses what a full zone cut off, whichever document is compared with which', () => {
    const passport = documentNameSide({
      surname: 'MUSTERMANN OBERHAUSEN',
      given_names: 'ERIKA MARGARETE GABRIELE',
      full_name: null,
    });
    // MUSTERMANN<OBERHAUSEN<<ERIKA<M fills a TD1 zone's 30 characters.
    const card = documentNameSide({
      surname: 'MUSTERMANN OBERHAUSEN',
      given_names: 'ERIKA M',
      full_name: null,
    });
    for (const [expected, document] of [
      [passport, card],
      [card, passport],
    ]) {
      const { fatal, differences } = compareNameSides(expected, document);
      expect(fatal).toBeNull();
      expect(new Set(differences.map((d) => d.kind))).toEqual(new Set(['truncated']));
    }
  });

  it('compares a document known only by its full name', () => {
    const side = documentNameSide({ surname: null, given_names: null, full_name: 'JOHN SMITH' });
    expect(compareNameSides(formNameSide(full('John Smith')), side)).toEqual({
      fatal: null,
      differences: [],
    });
    expect(compareNameSides(formNameSide(parts('John', 'Smith')), side).fatal).toBeNull();
    expect(compareNameSides(formNameSide(parts('Mary', 'Smith')), side).fatal?.kind).toBe(
      'given_names_differ',
    );
  });
});
