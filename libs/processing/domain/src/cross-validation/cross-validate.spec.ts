import type { CrossValidationIssue, CrossValidationResult, DocumentExtraction } from '@kyc/session-domain';
import type { FormField } from '@kyc/workflow-domain';
import { afterAll, describe, expect, it } from 'vitest';
import { failedExtraction } from '../extraction';
import { crossValidate, type CrossValidationInput } from './cross-validate';
import { CROSS_VALIDATION_CODES, type CrossValidationCode } from './cross-validation-codes';

const NOW = '2025-06-15T22:30:00Z';

/** What a zone gives for Erika Mustermann's German passport (the specimen's data). */
function extraction(overrides: Partial<DocumentExtraction> = {}): DocumentExtraction {
  return {
    status: 'extracted',
    source: 'mrz',
    document_type: 'passport',
    issuing_country: 'DE',
    full_name: 'ERIKA MUSTERMANN',
    surname: 'MUSTERMANN',
    given_names: 'ERIKA',
    document_number: 'C01X00T47',
    date_of_birth: '1964-08-12',
    nationality: 'DE',
    expiry_date: '2031-10-31',
    sex: 'F',
    check_digits_valid: true,
    failed_checks: [],
    field_confidence: { full_name: 0.98 },
    ...overrides,
  };
}

function unreadable(code = 'mrz_not_found'): DocumentExtraction {
  return failedExtraction(code, 'No machine-readable zone found');
}

const field = (field_id: string, type: FormField['type'], name = field_id): FormField => ({
  field_id,
  name,
  type,
  required: false,
});

const PERSONAL_FIELDS: FormField[] = [
  field('full_name', 'name', 'Full name'),
  field('date_of_birth', 'date', 'Date of birth'),
  field('nationality', 'country', 'Nationality'),
];

type Step = CrossValidationInput['forms'][number];
type Document = CrossValidationInput['documents'][number];

function personal(values: Record<string, unknown>, fields: FormField[] = PERSONAL_FIELDS): Step {
  return { step_id: 'personal', fields, values };
}

const ERIKA = { full_name: 'Erika Mustermann', date_of_birth: '1964-08-12', nationality: 'DE' };

function passport(overrides: Partial<DocumentExtraction> = {}, doc_id = 'doc_passport'): Document {
  return { doc_id, declared_type: 'passport', extraction: extraction(overrides) };
}

function idCard(overrides: Partial<DocumentExtraction> = {}, doc_id = 'doc_card'): Document {
  return {
    doc_id,
    declared_type: 'id',
    extraction: extraction({ document_type: 'id_card', document_number: 'T22000129', ...overrides }),
  };
}

const seen = new Set<string>();

function run(partial: Partial<CrossValidationInput>): CrossValidationResult {
  const result = crossValidate({ forms: [personal(ERIKA)], documents: [passport()], now: NOW, ...partial });
  for (const issue of [...result.warnings, ...result.errors]) seen.add(issue.code);
  return result;
}

const codes = (issues: CrossValidationIssue[]) => issues.map((issue) => issue.code);

describe('crossValidate', () => {
  afterAll(() => {
    // Every documented code is produced by some case here, and nothing undocumented is.
    expect([...seen].sort()).toEqual(Object.keys(CROSS_VALIDATION_CODES).sort());
  });

  it('passes a form that agrees with a valid passport', () => {
    expect(run({})).toEqual({ status: 'passed', warnings: [], errors: [] });
  });

  it('files every issue under its documented severity and derives the status from them', () => {
    const result = run({
      forms: [personal({ ...ERIKA, full_name: 'Erika Maria Mustermann', date_of_birth: '1964-08-13' })],
    });
    for (const issue of result.errors)
      expect(CROSS_VALIDATION_CODES[issue.code as CrossValidationCode].severity).toBe('error');
    for (const issue of result.warnings)
      expect(CROSS_VALIDATION_CODES[issue.code as CrossValidationCode].severity).toBe('warning');
    expect(result.status).toBe('failed');
    expect(run({ forms: [personal({ ...ERIKA, full_name: 'Erika Maria Mustermann' })] }).status).toBe(
      'warning',
    );
  });

  describe('names', () => {
    it('refuses the name of another person, naming the form field', () => {
      const result = run({ forms: [personal({ ...ERIKA, full_name: 'Erika Musterfrau' })] });
      expect(result.errors).toEqual([
        {
          code: 'name_mismatch',
          field: 'personal.full_name',
          message:
            'The name on document doc_passport does not match the name in the form: the surname differs.',
        },
      ]);
    });

    it('warns on a partial match', () => {
      const result = run({ forms: [personal({ ...ERIKA, full_name: 'Erika Maria Mustermann' })] });
      expect(result.warnings).toEqual([
        {
          code: 'name_partial_match',
          field: 'personal.full_name',
          message:
            'The name on document doc_passport only partly matches the name in the form: the form has a name part that document doc_passport lacks.',
        },
      ]);
    });

    it('reads name parts from first, middle and last name fields', () => {
      const fields = [
        field('first_name', 'name'),
        field('middleName', 'name'),
        field('surname', 'name', 'Surname'),
      ];
      const step = personal({ first_name: 'Erika', middleName: 'Maria', surname: 'Mustermann' }, fields);
      const result = run({
        forms: [step, personal({ date_of_birth: ERIKA.date_of_birth }, [PERSONAL_FIELDS[1]])],
      });
      expect(result.warnings.map(({ code, field }) => [code, field])).toEqual([
        ['name_partial_match', 'personal.middleName'],
      ]);
      const swapped = run({
        forms: [
          personal({ first_name: 'Mustermann', surname: 'Erika', date_of_birth: ERIKA.date_of_birth }, [
            ...fields,
            PERSONAL_FIELDS[1],
          ]),
        ],
      });
      expect(swapped.warnings[0].message).toContain(
        'given names and surname are entered the other way round',
      );
    });

    it("leaves out names of other people and other names (mother's name, maiden name)", () => {
      const fields = [
        field('mother_name', 'name', "Mother's name"),
        field('maiden_name', 'name'),
        ...PERSONAL_FIELDS,
      ];
      const result = run({
        forms: [personal({ ...ERIKA, mother_name: 'Gabi Muster', maiden_name: 'Schmidt' }, fields)],
      });
      expect(result.status).toBe('passed');
    });

    it('applies the workflow tolerance', () => {
      const forms = [personal({ ...ERIKA, full_name: 'Erika Maria Mustermann' })];
      expect(run({ forms, options: { nameTolerance: { extra_name_in_form: 'accept' } } }).status).toBe(
        'passed',
      );
      expect(
        codes(run({ forms, options: { nameTolerance: { extra_name_in_form: 'error' } } }).errors),
      ).toEqual(['name_mismatch']);
    });

    it('says when the form has no name, or a name it cannot transliterate', () => {
      const noName = run({ forms: [personal({ date_of_birth: ERIKA.date_of_birth }, [PERSONAL_FIELDS[1]])] });
      expect(noName.warnings).toEqual([
        expect.objectContaining({ code: 'form_name_missing', field: 'form' }),
      ]);
      const empty = run({ forms: [personal({ ...ERIKA, full_name: '  ' })] });
      expect(empty.warnings).toEqual([
        expect.objectContaining({ code: 'form_name_missing', field: 'personal.full_name' }),
      ]);
      const han = run({ forms: [personal({ ...ERIKA, full_name: '王伟' })] });
      expect(han.warnings).toEqual([
        expect.objectContaining({ code: 'name_not_comparable', field: 'personal.full_name' }),
      ]);
    });
  });

  describe('date of birth', () => {
    it('refuses any difference, and nothing but YYYY-MM-DD is compared', () => {
      const result = run({ forms: [personal({ ...ERIKA, date_of_birth: '1964-12-08' })] });
      expect(result.errors).toEqual([
        {
          code: 'date_of_birth_mismatch',
          field: 'personal.date_of_birth',
          message: "The date of birth on document doc_passport differs from the form's.",
        },
      ]);
      const written = run({ forms: [personal({ ...ERIKA, date_of_birth: '12.08.1964' })] });
      expect(written.warnings).toEqual([
        expect.objectContaining({ code: 'form_value_invalid', field: 'personal.date_of_birth' }),
      ]);
    });

    it('says when the form has no date of birth', () => {
      const result = run({ forms: [personal({ full_name: ERIKA.full_name }, [PERSONAL_FIELDS[0]])] });
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'form_date_of_birth_missing', field: 'form' }),
      ]);
    });

    it('recognises date of birth fields by their id or label', () => {
      const fields = [field('full_name', 'name'), field('dob', 'date'), field('start_date', 'date')];
      const result = run({
        forms: [
          personal({ full_name: ERIKA.full_name, dob: '1964-08-11', start_date: '2020-01-01' }, fields),
        ],
      });
      expect(result.errors).toEqual([
        expect.objectContaining({ code: 'date_of_birth_mismatch', field: 'personal.dob' }),
      ]);
    });
  });

  describe('expiry', () => {
    const expiring = (expiry_date: string | null, options?: CrossValidationInput['options']) =>
      run({ documents: [passport({ expiry_date })], options });

    it.each([
      ['expired yesterday', '2025-06-14', 'document_expired'],
      ['expired years ago', '2019-01-31', 'document_expired'],
      ['expires today (still valid)', '2025-06-15', 'document_expiring_soon'],
      ['expires within 30 days', '2025-07-15', 'document_expiring_soon'],
      ['expires in 31 days', '2025-07-16', null],
      ['no expiry date read', null, 'document_expiry_missing'],
      ['an expiry date that is no date', '2031-02-30', 'document_expiry_missing'],
    ])('%s', (_label, expiry, code) => {
      const result = expiring(expiry);
      expect(codes([...result.errors, ...result.warnings])).toEqual(code ? [code] : []);
      if (code) expect([...result.errors, ...result.warnings][0].field).toBe('doc_passport.expiry_date');
    });

    it('judges expiry on the UTC date of the reference instant', () => {
      const late = run({
        documents: [passport({ expiry_date: '2025-06-15' })],
        now: '2025-06-16T01:00:00+02:00',
      });
      expect(codes(late.warnings)).toEqual(['document_expiring_soon']);
      const next = run({ documents: [passport({ expiry_date: '2025-06-15' })], now: '2025-06-16T00:00:00Z' });
      expect(codes(next.errors)).toEqual(['document_expired']);
    });

    it('takes the warning window from the options', () => {
      expect(expiring('2025-09-01', { expiryWarningDays: 90 }).warnings[0].message).toBe(
        'Document doc_passport expires within 90 days.',
      );
      expect(expiring('2025-06-15', { expiryWarningDays: 0 }).status).toBe('passed');
      expect(codes(expiring('2025-07-01', { expiryWarningDays: -5 }).warnings)).toEqual([
        'document_expiring_soon',
      ]);
    });

    it('does not judge expiry against an invalid reference instant', () => {
      const result = run({ now: 'yesterday' });
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'document_expiry_not_checked', field: 'doc_passport.expiry_date' }),
      ]);
    });
  });

  describe('the documents themselves', () => {
    it('refuses a zone whose check digits failed, listing which', () => {
      const result = run({
        documents: [passport({ check_digits_valid: false, failed_checks: ['date_of_birth', 'composite'] })],
      });
      expect(result.errors).toEqual([
        {
          code: 'check_digits_failed',
          field: 'doc_passport.check_digits',
          message:
            'Check digits of the machine-readable zone of document doc_passport failed (date_of_birth, composite): its data may be misread or altered.',
        },
      ]);
    });

    it('warns on a document that could not be read, and still compares the others', () => {
      const result = run({
        documents: [
          { doc_id: 'doc_blurry', declared_type: 'id', extraction: unreadable('mrz_unreadable') },
          passport(),
        ],
      });
      expect(result).toEqual({
        status: 'warning',
        errors: [],
        warnings: [
          {
            code: 'document_unreadable',
            field: 'doc_blurry.status',
            message:
              'Document doc_blurry could not be read (mrz_unreadable), so its data was not compared with the form or the other documents.',
          },
        ],
      });
    });

    it('says clearly when no document could be read at all', () => {
      const result = run({
        documents: [
          { doc_id: 'doc_a', declared_type: 'passport', extraction: unreadable() },
          { doc_id: 'doc_b', declared_type: 'id', extraction: unreadable('file_corrupt') },
        ],
      });
      expect(result).toEqual({
        status: 'failed',
        warnings: [],
        errors: [
          {
            code: 'no_document_readable',
            field: 'documents',
            message:
              'None of the identity documents could be read: doc_a (mrz_not_found), doc_b (file_corrupt). Nothing in the form could be verified against a document.',
          },
        ],
      });
    });

    it('says when no identity document was processed (a selfie is none)', () => {
      const selfie: Document = { doc_id: 'doc_selfie', declared_type: 'selfie', extraction: unreadable() };
      const result = run({ documents: [selfie] });
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'no_identity_document', field: 'documents' }),
      ]);
    });

    it.each([
      ['passport', 'id_card', true],
      ['id', 'passport', true],
      ['passport', 'visa', true],
      ['id', 'id_card', false],
      ['driver_license', 'id_card', false],
      ['other', 'passport', false],
    ] as const)('declared %s, zone says %s: type warning %s', (declared_type, document_type, warns) => {
      const result = run({
        documents: [{ doc_id: 'doc_x', declared_type, extraction: extraction({ document_type }) }],
      });
      expect(codes(result.warnings)).toEqual(warns ? ['document_type_mismatch'] : []);
    });

    it('warns when a document that was read lacks a field to compare', () => {
      const result = run({
        documents: [passport({ full_name: null, surname: null, given_names: null, nationality: null })],
      });
      expect(result.warnings.map(({ code, field }) => [code, field])).toEqual([
        ['document_field_missing', 'doc_passport.full_name'],
        ['document_field_missing', 'doc_passport.nationality'],
      ]);
    });
  });

  describe('nationality', () => {
    it('refuses a nationality the form does not give, and accepts any of several', () => {
      expect(run({ forms: [personal({ ...ERIKA, nationality: 'AT' })] }).errors).toEqual([
        {
          code: 'nationality_mismatch',
          field: 'personal.nationality',
          message: "The nationality on document doc_passport is none of the form's nationalities.",
        },
      ]);
      const dual = [...PERSONAL_FIELDS, field('second_citizenship', 'country', 'Second citizenship')];
      expect(
        run({ forms: [personal({ ...ERIKA, nationality: 'AT', second_citizenship: 'de' }, dual)] }).status,
      ).toBe('passed');
    });

    it('only warns against a country of residence, and ignores it when a nationality is given', () => {
      const fields = [PERSONAL_FIELDS[0], PERSONAL_FIELDS[1], field('country_of_residence', 'country')];
      const abroad = run({ forms: [personal({ ...ERIKA, country_of_residence: 'ES' }, fields)] });
      expect(abroad.warnings).toEqual([
        expect.objectContaining({
          code: 'nationality_differs_from_country',
          field: 'personal.country_of_residence',
        }),
      ]);
      const both = run({
        forms: [personal({ ...ERIKA, country_of_residence: 'ES' }, [...PERSONAL_FIELDS, fields[2]])],
      });
      expect(both.status).toBe('passed');
      const birth = [...fields.slice(0, 2), field('country_of_birth', 'country')];
      expect(run({ forms: [personal({ ...ERIKA, country_of_birth: 'PL' }, birth)] }).status).toBe('passed');
    });

    it('does not compare a code of no country', () => {
      const result = run({ documents: [passport({ nationality: 'XXA' })] });
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'nationality_not_comparable', field: 'doc_passport.nationality' }),
      ]);
    });

    it('reports a country value that is no ISO code', () => {
      const result = run({ forms: [personal({ ...ERIKA, nationality: 'Germany' })] });
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'form_value_invalid', field: 'personal.nationality' }),
      ]);
    });
  });

  describe('several documents', () => {
    it('passes a passport and an identity card of the same person, the card name cut to its zone', () => {
      const forms = [personal({ ...ERIKA, full_name: 'Erika Margarete Gabriele Mustermann-Oberhausen' })];
      const result = run({
        forms,
        documents: [
          passport({ surname: 'MUSTERMANN OBERHAUSEN', given_names: 'ERIKA MARGARETE GABRIELE' }),
          // MUSTERMANN<OBERHAUSEN<<ERIKA<M fills the 30 characters of a TD1 name.
          idCard({ surname: 'MUSTERMANN OBERHAUSEN', given_names: 'ERIKA M' }),
        ],
      });
      expect(result).toEqual({ status: 'passed', warnings: [], errors: [] });
    });

    it('refuses a passport and an identity card of two people', () => {
      const result = run({
        forms: [personal({ full_name: ERIKA.full_name }, [PERSONAL_FIELDS[0]])],
        documents: [
          passport(),
          idCard({ surname: 'MUSTERMANN', given_names: 'MAX', date_of_birth: '1962-01-03' }),
        ],
      });
      expect(result.errors.map(({ code, field }) => [code, field])).toEqual([
        ['name_mismatch', 'personal.full_name'],
        ['documents_name_mismatch', 'doc_card.full_name'],
        ['documents_date_of_birth_mismatch', 'doc_card.date_of_birth'],
      ]);
    });

    it('warns on names that agree only partly, and on differing nationalities', () => {
      const result = run({
        forms: [],
        documents: [passport({ given_names: 'ERIKA GABRIELE' }), idCard({ nationality: 'AT' })],
      });
      expect(result.warnings.map(({ code, field }) => [code, field])).toEqual([
        ['form_name_missing', 'form'],
        ['form_date_of_birth_missing', 'form'],
        ['documents_name_partial_match', 'doc_card.full_name'],
        ['documents_nationality_differ', 'doc_card.nationality'],
      ]);
    });

    it('accepts documents of two countries that the form declares', () => {
      const dual = [...PERSONAL_FIELDS, field('other_nationality', 'country')];
      const result = run({
        forms: [personal({ ...ERIKA, other_nationality: 'AT' }, dual)],
        documents: [passport(), idCard({ nationality: 'AT' })],
      });
      expect(result.status).toBe('passed');
    });
  });

  it('never puts the personal data in a message', () => {
    const result = run({
      forms: [personal({ full_name: 'Gabriele Schulze', date_of_birth: '1971-02-03', nationality: 'FR' })],
      documents: [
        passport({
          expiry_date: '2024-01-31',
          check_digits_valid: false,
          failed_checks: ['document_number'],
        }),
        idCard({ surname: 'MEIER', given_names: 'HANS', date_of_birth: '1980-05-06', nationality: 'XXB' }),
      ],
    });
    const messages = [...result.errors, ...result.warnings].map((issue) => issue.message).join('\n');
    expect(result.errors.length).toBeGreaterThan(4);
    for (const secret of [
      'ERIKA',
      'MUSTERMANN',
      'GABRIELE',
      'SCHULZE',
      'MEIER',
      'HANS',
      '1964',
      '1971',
      '1980',
      '2024',
      'C01X00T47',
      'T22000129',
      'FR',
      'DE',
      'XXB',
    ]) {
      expect(messages).not.toMatch(new RegExp(`\\b${secret}\\b`, 'i'));
    }
  });

  it('returns a result for any input, never throwing', () => {
    const garbage: unknown[] = [
      undefined,
      null,
      {},
      { forms: 'x', documents: 42, now: 7 },
      {
        forms: [
          null,
          { step_id: 1 },
          { step_id: 's', fields: [null, { field_id: 'n', type: 'unknown_type' }], values: null },
        ],
      },
      {
        forms: [personal({ full_name: 42, date_of_birth: { y: 1964 }, nationality: ['DE'] })],
        documents: [
          null,
          { doc_id: 5 },
          { doc_id: 'd', extraction: { status: 'extracted', surname: 7, failed_checks: 'all' } },
        ],
        now: NOW,
        options: { expiryWarningDays: 'soon', nameTolerance: { order: 'maybe', initial: 'error' } },
      },
    ];
    for (const input of garbage) {
      const result = crossValidate(input as CrossValidationInput);
      expect(['passed', 'warning', 'failed']).toContain(result.status);
      for (const issue of [...result.warnings, ...result.errors]) seen.add(issue.code);
    }
  });

  it('is deterministic', () => {
    const input: Partial<CrossValidationInput> = {
      forms: [personal({ ...ERIKA, full_name: 'Erika Maria Mustermann', nationality: 'AT' })],
      documents: [passport({ expiry_date: '2025-07-01' }), idCard({ given_names: 'ERIKE' })],
    };
    expect(run(input)).toEqual(run(input));
  });
});
