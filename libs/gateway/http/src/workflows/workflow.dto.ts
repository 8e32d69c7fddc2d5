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
import { DOCUMENT_TYPES, FIELD_TYPES, STEP_TYPES } from '@kyc/workflow-domain';
import { IsStringMap, Optional } from '../http/validators';

// Shapes only: the rules that depend on a step's type (a form needs fields, a document step needs
// document_types...) are the workflow domain's, and come back as the same field-level 400.

export class FormFieldBody {
  @ApiProperty({ example: 'full_name' })
  @IsString()
  @Length(1, 100)
  field_id!: string;

  @ApiProperty({ example: 'Full Name' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: FIELD_TYPES })
  @IsIn(FIELD_TYPES)
  type!: (typeof FIELD_TYPES)[number];

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Allowed values of a select field.' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  options?: string[];
}

export class WorkflowStepBody {
  @ApiProperty({ example: 'personal_info' })
  @IsString()
  @Length(1, 100)
  step_id!: string;

  @ApiProperty({ enum: STEP_TYPES })
  @IsIn(STEP_TYPES)
  type!: (typeof STEP_TYPES)[number];

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ default: false, description: 'An optional step may be skipped.' })
  @Optional()
  @IsBoolean()
  optional?: boolean;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, isArray: true, description: 'document steps' })
  @Optional()
  @IsArray()
  @IsIn(DOCUMENT_TYPES, { each: true })
  document_types?: (typeof DOCUMENT_TYPES)[number][];

  @ApiPropertyOptional({ type: [FormFieldBody], description: 'form steps' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FormFieldBody)
  fields?: FormFieldBody[];

  @ApiPropertyOptional({ format: 'uuid', description: 'subsessions steps: the workflow each subsession follows' })
  @Optional()
  @IsUUID()
  workflow_id?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'subsessions steps' })
  @Optional()
  @IsInt()
  @Min(0)
  min?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'subsessions steps' })
  @Optional()
  @IsInt()
  @Min(0)
  max?: number;
}

export class WorkflowValidationsBody {
  @ApiPropertyOptional() @Optional() @IsBoolean() lists?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() face_match?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() adverse_media?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() crypto?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() web?: boolean;
}

export class WorkflowBody {
  @ApiProperty({ example: 'Basic KYC' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: [WorkflowStepBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WorkflowStepBody)
  steps!: WorkflowStepBody[];

  @ApiPropertyOptional({ type: WorkflowValidationsBody })
  @Optional()
  @ValidateNested()
  @Type(() => WorkflowValidationsBody)
  validations?: WorkflowValidationsBody;

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  auto_process?: boolean;

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  auto_decision?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { region: 'latam' } })
  @Optional()
  @IsStringMap()
  custom_tags?: Record<string, string>;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 90, default: 7 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90, { message: 'must be between 1 and 90' })
  default_ttl_days?: number;
}

export class GetWorkflowQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
