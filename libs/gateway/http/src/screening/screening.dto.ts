import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const ENTITY_TYPES = ['person', 'organization', 'vessel', 'aircraft'] as const;
/** Control characters (C0, DEL, C1): never part of a name, often a sign of a broken client. */
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

export class ScreeningSearchQuery {
  @ApiProperty({ description: 'A name (any script) or a crypto address', maxLength: 512 })
  @IsString()
  @Length(1, 512)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' })
  name!: string;

  @ApiPropertyOptional({ enum: ENTITY_TYPES })
  @IsOptional()
  @IsIn(ENTITY_TYPES)
  type?: (typeof ENTITY_TYPES)[number];

  @ApiPropertyOptional({ minimum: 1800, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1800)
  @Max(2100)
  birth_year?: number;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 (nationality or address)', example: 'RU' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Default: the engine threshold' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  min_score?: number;
}

export class DismissMatchBody {
  @ApiProperty({ description: 'Why the hit is a false positive (kept in the audit trail)', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
