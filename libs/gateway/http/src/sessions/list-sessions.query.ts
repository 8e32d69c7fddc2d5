import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { COMPLIANCE_STATUSES, SESSION_STATUSES } from '@kyc/session-domain';
import { HasNoNul } from '../http/validators';

const STATUSES = SESSION_STATUSES;
const COMPLIANCE = COMPLIANCE_STATUSES;

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value);

export class ListSessionsQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'approved,rejected,manual_review' })
  @IsOptional()
  @Transform(toList)
  @IsIn(STATUSES, { each: true, message: `each status must be one of: ${STATUSES.join(', ')}` })
  status_list?: (typeof STATUSES)[number][];

  @ApiPropertyOptional({ enum: COMPLIANCE })
  @IsOptional()
  @IsIn(COMPLIANCE)
  compliance_status?: (typeof COMPLIANCE)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  workflow_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @HasNoNul()
  customer_id?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  created_from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  created_to?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  next_key?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  include_summary?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'List the subsessions of this parent.' })
  @IsOptional()
  @IsUUID()
  parent_session_id?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  include_subsessions?: boolean;
}
