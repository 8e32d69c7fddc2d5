import {
  AdverseMediaUnavailableError,
  InvalidAdverseMediaSubjectError,
  type AdverseMediaProvider,
  type AdverseMediaResult,
} from '@kyc/screening-domain';
import type {
  AdverseMediaCheck,
  CryptoCheck,
  ListsCheck,
  ScreeningHit,
  Session,
  ValidationResults,
} from '@kyc/session-domain';
import type { ValidationsConfig } from '@kyc/workflow-domain';
import type { LoadedLists, ScreeningCatalog } from './screening-catalog';
import { addressHits, nameHits } from './screening-hit';
import { subjectsOf, type ScreeningSubjects } from './session-subjects';

export interface SessionValidation {
  results: ValidationResults;
  list_versions: Record<string, string>;
}

export interface SessionValidatorOptions {
  catalog: ScreeningCatalog;
  /** Null when no provider is configured: adverse media then reads as not run (null). */
  adverseMedia: AdverseMediaProvider | null;
  /** Most hits kept per screened name (best first). */
  maxHitsPerName?: number;
}

/**
 * Runs the validations a workflow enables on what a session holds. Pure reading: the caller records the
 * result on the session (RecordValidation). Dismissed hits are kept in the results but do not count.
 */
export class SessionValidator {
  private readonly maxHitsPerName: number;

  constructor(private readonly options: SessionValidatorOptions) {
    this.maxHitsPerName = options.maxHitsPerName ?? 10;
  }

  async validate(session: Session, enabled: ValidationsConfig, now: Date): Promise<SessionValidation> {
    const subjects = subjectsOf(session);
    const lists = enabled.lists || enabled.crypto ? await this.options.catalog.lists() : null;
    const dismissed = (hit: ScreeningHit) => hit.match_id in session.screening.dismissed;
    const adverse = enabled.adverse_media ? await this.adverseMedia(subjects) : null;
    return {
      results: {
        lists_check: enabled.lists && lists ? this.listsCheck(subjects, lists, dismissed) : null,
        crypto_check: enabled.crypto && lists ? cryptoCheck(subjects, lists, dismissed) : null,
        adverse_media_check: adverse,
        validated_at: now.toISOString(),
      },
      list_versions: lists?.versions ?? {},
    };
  }

  private listsCheck(subjects: ScreeningSubjects, lists: LoadedLists, dismissed: (hit: ScreeningHit) => boolean): ListsCheck {
    const matches = subjects.names.flatMap((name) => nameHits(lists.names, name, subjects, this.maxHitsPerName, 'lists'));
    const standing = matches.filter((hit) => !dismissed(hit));
    return {
      is_match: standing.length > 0,
      match_count: standing.length,
      lists_checked: Object.keys(lists.versions),
      names_checked: subjects.names.length,
      matches,
    };
  }

  /** One query per name; the riskiest answer stands for the session, the articles of every answer are kept. */
  private async adverseMedia(subjects: ScreeningSubjects): Promise<AdverseMediaCheck | null> {
    const provider = this.options.adverseMedia;
    if (!provider) return null;
    let results: AdverseMediaResult[];
    try {
      const screened = await Promise.all(
        subjects.names.map((name) =>
          provider
            .screen({ name, ...(subjects.birthYear ? { birthYear: subjects.birthYear } : {}), ...(subjects.country ? { country: subjects.country } : {}) })
            // A name the provider cannot take (e.g. too long for it) is not screened; the others still are.
            .catch((error: unknown) => {
              if (error instanceof InvalidAdverseMediaSubjectError) return null;
              throw error;
            }),
        ),
      );
      results = screened.filter((result): result is AdverseMediaResult => result !== null);
    } catch (error) {
      if (!(error instanceof AdverseMediaUnavailableError)) throw error;
      return { risk_score: 0, decision: 'REVIEW', provider: error.provider, articles: [], error: 'provider_unavailable' };
    }
    if (results.length === 0) return { risk_score: 0, decision: 'CLEAR', provider: 'none', articles: [] };
    const riskiest = results.reduce((a, b) => (b.risk_score > a.risk_score ? b : a));
    return {
      risk_score: riskiest.risk_score,
      decision: results.some((result) => result.decision === 'REVIEW') ? 'REVIEW' : 'CLEAR',
      provider: riskiest.provider,
      articles: results.flatMap((result) => result.articles),
    };
  }
}

function cryptoCheck(subjects: ScreeningSubjects, lists: LoadedLists, dismissed: (hit: ScreeningHit) => boolean): CryptoCheck {
  const matches = subjects.cryptoAddresses.flatMap(({ address }) =>
    addressHits(lists.crypto, address, (id) => lists.entities.get(id)),
  );
  const standing = matches.filter((hit) => !dismissed(hit));
  return { is_match: standing.length > 0, match_count: standing.length, addresses_checked: subjects.cryptoAddresses.length, matches };
}
