import { degradeImage, type DegradationKind } from './degrade-image';
import type { MrzDocument } from './mrz-document';
import { MRZ_SPECIMENS } from './mrz-specimens';
import { renderMrzDocument } from './render-mrz-document';
import { syntheticMrzDocuments } from './synthetic-mrz-documents';

export interface MrzFixture {
  readonly document: MrzDocument;
  /** PNG for clean fixtures; PNG or JPEG once degraded. */
  readonly image: Buffer;
  readonly degradation?: { readonly kind: DegradationKind; readonly description: string };
}

export interface MrzFixtureOptions {
  /** Number of documents: the specimens first, then generated ones (TD1 and TD3 alternating). */
  readonly count: number;
  readonly seed: number;
  /** Reference date of the generated documents. */
  readonly now: Date;
  /** Degradations in rotation, one per document; none for a clean set. */
  readonly degradations?: readonly DegradationKind[];
  readonly dpi?: number;
}

/** The documents of a fixture set, without rendering them. */
export function mrzFixtureDocuments(
  options: Pick<MrzFixtureOptions, 'count' | 'seed' | 'now'>,
): MrzDocument[] {
  const specimens = MRZ_SPECIMENS.slice(0, options.count);
  return [
    ...specimens,
    ...syntheticMrzDocuments({
      count: options.count - specimens.length,
      seed: options.seed,
      now: options.now,
    }),
  ];
}

/** Renders, and degrades when asked, one image per document, deterministically from `seed`. */
export async function* mrzFixtures(options: MrzFixtureOptions): AsyncGenerator<MrzFixture> {
  const kinds = options.degradations ?? [];
  const documents = mrzFixtureDocuments(options);
  for (const [i, document] of documents.entries()) {
    const clean = await renderMrzDocument(document, { dpi: options.dpi, seed: options.seed + i });
    if (kinds.length === 0) {
      yield { document, image: clean };
      continue;
    }
    const degraded = await degradeImage(clean, kinds[i % kinds.length], options.seed * 7919 + i);
    yield {
      document,
      image: degraded.image,
      degradation: { kind: degraded.kind, description: degraded.description },
    };
  }
}
