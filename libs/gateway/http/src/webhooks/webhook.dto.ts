import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SESSION_INTEGRATION_EVENT_TYPES } from '@kyc/contracts';
import { Optional } from '../http/validators';

export class CreateWebhookBody {
  @ApiProperty({ example: 'https://example.com/kyc/webhooks', description: 'http(s); receives a signed POST per event' })
  @IsString()
  @Length(1, 2048)
  url!: string;

  @ApiPropertyOptional({ enum: SESSION_INTEGRATION_EVENT_TYPES, isArray: true, description: 'Omitted or empty: every event type' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(SESSION_INTEGRATION_EVENT_TYPES.length)
  @IsIn(SESSION_INTEGRATION_EVENT_TYPES, { each: true })
  event_types?: string[];

  @ApiPropertyOptional({ example: 'CRM sync' })
  @Optional()
  @IsString()
  @Length(0, 500)
  description?: string;
}

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
