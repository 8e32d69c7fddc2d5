import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PRIORITIES } from '@kyc/session-domain';
import { IsJsonObject, Optional } from '../http/validators';

const METADATA_MAX_BYTES = 16 * 1024;

export class CreateSessionBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workflow_id!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 90, description: "Defaults to the workflow's default_ttl_days." })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90, { message: 'must be between 1 and 90' })
  ttl_days?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Free-form, at most 16 KiB.' })
  @Optional()
  @IsJsonObject(METADATA_MAX_BYTES)
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  customer_id?: string;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'medium' })
  @Optional()
  @IsIn(PRIORITIES)
  priority?: (typeof PRIORITIES)[number];

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  assigned_to?: string;

  @ApiPropertyOptional({ default: true, description: 'false creates a draft that generate-link activates.' })
  @Optional()
  @IsBoolean()
  activate?: boolean;
}

const PATCH_STATUSES = ['approved', 'rejected', 'manual_review', 'active'] as const;

export class UpdateSessionBody {
  @ApiPropertyOptional({ enum: PATCH_STATUSES })
  @Optional()
  @IsIn(PATCH_STATUSES)
  status?: (typeof PATCH_STATUSES)[number];

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @IsString()
  @Length(1, 5000)
  notes?: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'null unassigns the session.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assigned_to?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @Optional()
  @IsIn(PRIORITIES)
  priority?: (typeof PRIORITIES)[number];
}

export class ExtendSessionBody {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 90 })
  @IsInt()
  @Min(1, { message: 'must be between 1 and 90' })
  @Max(90, { message: 'must be between 1 and 90' })
  extend_days!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class CorrectionItemBody {
  @ApiProperty()
  @IsString()
  @Length(1, 100)
  step_id!: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  field_ids?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  document_types?: string[];

  @ApiProperty({ maxLength: 2000, description: 'Shown to the end user in the public session.' })
  @IsString()
  @Length(1, 2000)
  message!: string;
}

export class RequestCorrectionsBody {
  @ApiProperty({ type: [CorrectionItemBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CorrectionItemBody)
  corrections!: CorrectionItemBody[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class CreateSubsessionBody {
  @ApiProperty({ description: 'The workflow step of type subsessions this party belongs to.' })
  @IsString()
  @Length(1, 100)
  step_id!: string;

  @ApiProperty({ maxLength: 200, example: 'Juan Garcia - UBO' })
  @IsString()
  @Length(1, 200)
  label!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @Optional()
  @IsJsonObject(METADATA_MAX_BYTES)
  metadata?: Record<string, unknown>;
}
