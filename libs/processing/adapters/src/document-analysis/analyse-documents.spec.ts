import { FaceEngine, MrzReader } from '@kyc/documents-adapters';
import { DEFAULT_FACE_MATCH_POLICY } from '@kyc/documents-domain';
import { countryFromIcaoCode } from '@kyc/processing-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MRZ_SPECIMENS,
  type MrzDocument,
  syntheticMrzDocuments,
} from '@kyc/documents-testing';
import { analyseDocuments } from './analyse-documents';
import type { DocumentAnalysisRequest, IdentityDocumentFile, SelfieFile } from './document-analysis';
import {
  demoPhoto,
  pdfOfImage,
  pictureWithoutFace,
  portraitsOf,
  printedPortrait,
  renderDocument,
  truncated,
  withoutZone,
} from './testing/analysis-fixtures';

const now = '2025-06-01T00:00:00Z';
const faceMatch = {
  threshold: DEFAULT_FACE_MATCH_POLICY.threshold,
  reject_below: DEFAULT_FACE_MATCH_POLICY.rejectBelow,
};

function upload(
  doc_id: string,
  bytes: Buffer,
  declared_type: IdentityDocumentFile['declared_type'] = 'passport',
): IdentityDocumentFile {
  return { doc_id, declared_type, mime_type: 'image/png', bytes };
}

function selfie(bytes: Buffer): SelfieFile {
  return { doc_id: 'selfie', mime_type: 'image/jpeg', bytes };
}

function request(parts: Partial<DocumentAnalysisRequest>): DocumentAnalysisRequest {
  return { now, documents: [], selfie: null, face_match: faceMatch, ...parts };
}

/** What a correct reading of the document gives. */
function fieldsOf(document: MrzDocument) {
  const { data } = document;
  return {
    status: 'extracted',
    source: 'mrz',
    document_type: 'passport',
    issuing_country: countryFromIcaoCode(data.issuingCountry),
    nationality: countryFromIcaoCode(data.nationality),
    surname: data.surname,
    given_names: data.givenNames,
    full_name: `${data.givenNames} ${data.surname}`,
    document_number: data.documentNumber,
    date_of_birth: data.dateOfBirth,
    expiry_date: data.expiryDate,
    sex: data.sex,
    check_digits_valid: true,
    failed_checks: [],
  };
}

describe('analyseDocuments (real MRZ and face engines)', () => {
  const mrz = new MrzReader();
  const faces = new FaceEngine();
  const engines = { mrz, faces };
  const [document] = syntheticMrzDocuments({ count: 1, seed: 11, now: new Date(now), formats: ['TD3'] });
  let holder: Buffer;
  let someoneElse: Buffer;
  let passport: Buffer;

  beforeAll(async () => {
    await Promise.all([mrz.init(), faces.init()]);
    [holder, , someoneElse] = await portraitsOf(faces, demoPhoto(1));
    passport = await renderDocument(document, await printedPortrait(holder));
  }, 60_000);
  afterAll(() => mrz.close());

  it('reads a passport and matches its printed photo with a selfie of the same person', async () => {
    const analysis = await analyseDocuments(
      request({ documents: [upload('passport', passport)], selfie: selfie(holder) }),
      engines,
    );
    expect(analysis.extractions.passport).toMatchObject(fieldsOf(document));
    expect(analysis.extractions.passport.field_confidence.document_number).toBe(1);
    expect(analysis.face_match).toEqual({
      status: 'matched',
      confidence: expect.any(Number),
      threshold: faceMatch.threshold,
      document_id: 'passport',
      selfie_id: 'selfie',
    });
    expect(analysis.face_match?.confidence).toBeGreaterThanOrEqual(faceMatch.threshold);
  });

  it('does not match the passport photo with the selfie of someone else', async () => {
    const { face_match } = await analyseDocuments(
      request({ documents: [upload('passport', passport)], selfie: selfie(someoneElse) }),
      engines,
    );
    expect(['not_matched', 'inconclusive']).toContain(face_match?.status);
    expect(face_match?.code).toMatch(/^face_(mismatch|match_inconclusive)$/);
    expect(face_match?.confidence).toBeLessThan(faceMatch.threshold);
  });

  it('reads page 1 of a PDF, and reports a selfie that shows no face', async () => {
    const pdf = await pdfOfImage(passport, { widthMm: 125, heightMm: 88 }, 1);
    const analysis = await analyseDocuments(
      request({
        documents: [{ ...upload('scan', pdf), mime_type: 'application/pdf' }],
        selfie: selfie(await pictureWithoutFace()),
      }),
      engines,
    );
    expect(analysis.extractions.scan).toMatchObject(fieldsOf(document));
    expect(analysis.face_match).toEqual({
      status: 'no_face',
      confidence: 0,
      threshold: faceMatch.threshold,
      code: 'selfie_no_face',
      document_id: 'scan',
      selfie_id: 'selfie',
    });
  });

  it('turns unreadable files and missing zones into coded extractions, and a crowded photo into multiple_faces', async () => {
    const cardFront = await withoutZone(await renderDocument(MRZ_SPECIMENS[3]));
    const analysis = await analyseDocuments(
      request({
        documents: [
          upload('cut-short', truncated(passport)),
          upload('card-front', cardFront, 'id'),
          upload('licence', cardFront, 'driver_license'),
          upload('group-photo', demoPhoto(1), 'id'),
        ],
        selfie: selfie(holder),
      }),
      engines,
    );
    const codes = Object.fromEntries(
      Object.entries(analysis.extractions).map(([id, extraction]) => [id, extraction.error?.code]),
    );
    expect(codes).toEqual({
      'cut-short': 'truncated',
      'card-front': 'mrz_not_found',
      licence: 'no_machine_readable_zone',
      'group-photo': 'mrz_not_found',
    });
    for (const extraction of Object.values(analysis.extractions)) {
      expect(extraction).toMatchObject({ status: 'failed', full_name: null, check_digits_valid: false });
    }
    // The card fronts show a drawn silhouette, not a face; the group photo shows three people.
    expect(analysis.face_match).toMatchObject({
      status: 'multiple_faces',
      code: 'document_multiple_faces',
      document_id: 'group-photo',
      confidence: 0,
    });
  });

  it('says why no comparison was made when a picture is missing or unreadable', async () => {
    const unreadable = upload('cut-short', truncated(passport));
    const outcomes = await Promise.all([
      analyseDocuments(request({ documents: [], selfie: selfie(holder) }), engines),
      analyseDocuments(request({ documents: [unreadable], selfie: null }), engines),
      analyseDocuments(request({ documents: [unreadable], selfie: selfie(holder) }), engines),
    ]);
    expect(outcomes.map(({ face_match }) => [face_match?.status, face_match?.code])).toEqual([
      ['no_face', 'no_identity_document'],
      ['no_face', 'no_selfie'],
      ['no_face', 'no_readable_identity_document'],
    ]);
    expect(outcomes[0].extractions).toEqual({});
  });

  it('reports an unreadable selfie, a face engine that fails, and settings that make no sense', async () => {
    const documents = [upload('passport', passport)];
    const [brokenSelfie, brokenEngine, badSettings, noEngine, notAsked] = await Promise.all([
      analyseDocuments(request({ documents, selfie: selfie(truncated(holder)) }), engines),
      // An engine whose models were never loaded fails on its first picture, as a broken installation would.
      analyseDocuments(request({ documents, selfie: selfie(holder) }), { mrz, faces: new FaceEngine() }),
      analyseDocuments(
        request({ documents, selfie: selfie(holder), face_match: { threshold: 0.5, reject_below: 0.9 } }),
        engines,
      ),
      analyseDocuments(request({ documents, selfie: selfie(holder) }), { mrz, faces: null }),
      analyseDocuments(request({ documents, selfie: selfie(holder), face_match: null }), engines),
    ]);
    expect(brokenSelfie.face_match).toMatchObject({
      status: 'failed',
      code: 'selfie_unreadable',
      document_id: 'passport',
    });
    expect(brokenEngine.face_match).toMatchObject({ status: 'failed', code: 'face_engine_failed' });
    expect(badSettings.face_match).toMatchObject({
      status: 'failed',
      code: 'invalid_face_match_settings',
      threshold: 0.5,
    });
    expect(noEngine.face_match).toMatchObject({ status: 'failed', code: 'face_engine_unavailable' });
    expect(notAsked.face_match).toBeNull();
    // The zone is read whatever happens to the face match.
    for (const { extractions } of [brokenSelfie, brokenEngine, badSettings, noEngine, notAsked]) {
      expect(extractions.passport.document_number).toBe(document.data.documentNumber);
    }
  });

  it('refuses a request whose reference instant is no date', async () => {
    await expect(analyseDocuments(request({ now: 'yesterday' }), engines)).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
