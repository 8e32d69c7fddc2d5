import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { addressHits, type ScreeningCatalog } from '@kyc/screening-application';
import { detectCryptoAddress, InvalidScreeningQueryError } from '@kyc/screening-domain';
import { RequireScope } from '../auth/auth.decorators';
import { ApiError } from '../errors/api-error';
import { SCREENING_CATALOG } from '../http/app-tokens';
import { ScreeningSearchQuery } from './screening.dto';

/** Ad-hoc screening of a name (or a wallet address) against the sanctions lists in force. */
@ApiTags('screening')
@ApiBearerAuth()
@Controller('kyc/screening')
export class ScreeningSearchController {
  constructor(@Inject(SCREENING_CATALOG) private readonly catalog: ScreeningCatalog) {}

  @Get('search')
  @RequireScope('screening:search')
  async search(@Query() query: ScreeningSearchQuery) {
    const lists = await this.catalog.lists();
    const threshold = this.catalog.threshold;
    const address = detectCryptoAddress(query.name);
    if (address) {
      const hits = addressHits(lists.crypto, query.name, (id) => lists.entities.get(id));
      const matches = hits.map(({ entity_id, list, name, matched_name, score, type, programs, explanation }) => ({
        entity_id,
        list,
        name,
        matched_name,
        score,
        type,
        programs,
        explanation,
      }));
      return { threshold, matches: matches.slice(0, query.limit ?? 10) };
    }
    try {
      const matches = lists.names.search({
        name: query.name,
        ...(query.type ? { type: query.type } : {}),
        ...(query.birth_year ? { birthYear: query.birth_year } : {}),
        ...(query.country ? { country: query.country.toUpperCase() } : {}),
        limit: query.limit ?? 10,
        minScore: query.min_score ?? threshold,
      });
      return {
        threshold,
        matches: matches.map((match) => ({
          entity_id: match.entity.id,
          list: match.entity.list,
          name: match.entity.name,
          matched_name: match.matchedName,
          score: match.score,
          type: match.entity.type,
          programs: match.entity.programs,
          explanation: match.explanation,
        })),
      };
    } catch (error) {
      if (error instanceof InvalidScreeningQueryError) {
        throw ApiError.invalid(error.message, [{ field: error.field, issue: error.message }]);
      }
      throw error;
    }
  }
}
