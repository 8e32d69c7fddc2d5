import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DEFAULT_DECISION_RULES,
  DOCUMENT_TYPES,
  FIELD_TYPES,
  RULE_OUTCOMES,
  STEP_TYPES,
  type RuleOutcome,
} from '@kyc/workflow-domain';
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

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'subsessions steps: the workflow each subsession follows',
  })
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

const RULES = DEFAULT_DECISION_RULES;

// The ranges and the order of the thresholds are the workflow domain's rules: a value out of range comes back
// once, as "must be a number between 0 and 100", rather than once per bound.
const IsFiniteNumber = () =>
  IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' });

/** A risk score threshold (0-100). */
function ScoreProperty(description: string, fallback: number): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ minimum: 0, maximum: 100, default: fallback, description })(target, key);
    Optional()(target, key);
    IsFiniteNumber()(target, key);
  };
}

/** What one finding calls for on its own. */
function OutcomeProperty(fallback: RuleOutcome, description?: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ enum: RULE_OUTCOMES, default: fallback, ...(description ? { description } : {}) })(
      target,
      key,
    );
    Optional()(target, key);
    IsIn(RULE_OUTCOMES)(target, key);
  };
}

export class RiskLevelsBody {
  @ScoreProperty('risk_level is medium from this score', RULES.risk_levels.medium_from)
  medium_from?: number;

  @ScoreProperty('risk_level is high from this score', RULES.risk_levels.high_from)
  high_from?: number;
}

export class FaceMatchRulesBody {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: RULES.face_match.threshold,
    description: 'Confidence (exclusive 0-1) from which the faces match.',
  })
  @Optional()
  @IsFiniteNumber()
  threshold?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: RULES.face_match.reject_below,
    description:
      'Confidence below which the faces do not match; between it and threshold the result is inconclusive. At most threshold.',
  })
  @Optional()
  @IsFiniteNumber()
  reject_below?: number;
}

export class DecisionOutcomesBody {
  @OutcomeProperty(RULES.on.document_expired) document_expired?: RuleOutcome;
  @OutcomeProperty(RULES.on.document_unreadable, 'No machine-readable zone could be read.')
  document_unreadable?: RuleOutcome;
  @OutcomeProperty(RULES.on.check_digits_failed) check_digits_failed?: RuleOutcome;
  @OutcomeProperty(RULES.on.cross_validation_error) cross_validation_error?: RuleOutcome;
  @OutcomeProperty(RULES.on.cross_validation_warning) cross_validation_warning?: RuleOutcome;
  @OutcomeProperty(RULES.on.face_mismatch) face_mismatch?: RuleOutcome;
  @OutcomeProperty(RULES.on.face_inconclusive) face_inconclusive?: RuleOutcome;
  @OutcomeProperty(RULES.on.face_not_found, 'No face, or several faces, on the document photo or the selfie.')
  face_not_found?: RuleOutcome;
  @OutcomeProperty(RULES.on.list_match, 'A standing (not dismissed) sanctions or watch list hit.')
  list_match?: RuleOutcome;
  @OutcomeProperty(RULES.on.crypto_match, 'A standing (not dismissed) sanctioned wallet hit.')
  crypto_match?: RuleOutcome;
  @OutcomeProperty(RULES.on.adverse_media_review, 'Adverse media screening asked for review.')
  adverse_media_review?: RuleOutcome;
  @OutcomeProperty(RULES.on.web_invalid) web_invalid?: RuleOutcome;
}

export class DecisionRulesBody {
  @ApiPropertyOptional({ type: RiskLevelsBody })
  @Optional()
  @ValidateNested()
  @Type(() => RiskLevelsBody)
  risk_levels?: RiskLevelsBody;

  @ScoreProperty('The score alone approves below this.', RULES.approve_below)
  approve_below?: number;

  @ScoreProperty('The score alone sends the session to a reviewer from this.', RULES.review_from)
  review_from?: number;

  @ScoreProperty('The score alone rejects from this, whatever the findings call for.', RULES.reject_from)
  reject_from?: number;

  @ApiPropertyOptional({ type: FaceMatchRulesBody })
  @Optional()
  @ValidateNested()
  @Type(() => FaceMatchRulesBody)
  face_match?: FaceMatchRulesBody;

  @ApiPropertyOptional({
    type: DecisionOutcomesBody,
    description:
      'What each finding calls for on its own. flagged: the checks passed but a person should look; approved: the finding counts only through the risk score.',
  })
  @Optional()
  @ValidateNested()
  @Type(() => DecisionOutcomesBody)
  on?: DecisionOutcomesBody;
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

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { region: 'latam' },
  })
  @Optional()
  @IsStringMap()
  custom_tags?: Record<string, string>;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 90, default: 7 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90, { message: 'must be between 1 and 90' })
  default_ttl_days?: number;

  @ApiPropertyOptional({
    type: DecisionRulesBody,
    description:
      'How processing results become risk_level and final_decision. Any key left out takes its default. final_decision is the most severe of what the score and each finding call for.',
  })
  @Optional()
  @ValidateNested()
  @Type(() => DecisionRulesBody)
  decision_rules?: DecisionRulesBody;
}

export class GetWorkflowQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
