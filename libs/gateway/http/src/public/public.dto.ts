import { ApiProperty } from '@nestjs/swagger';
import { IsJsonObject } from '../http/validators';

export class SaveFormBody {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { full_name: 'John Doe', date_of_birth: '1990-01-15' } })
  @IsJsonObject(64 * 1024)
  values!: Record<string, unknown>;
}
