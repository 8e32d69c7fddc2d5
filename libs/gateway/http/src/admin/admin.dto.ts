import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsString, Length } from 'class-validator';
import { TENANT_SCOPES, type TenantScope } from '../auth/scopes';

export class CreateTenantBody {
  @ApiProperty({ example: 'Acme Payments', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class CreateApiKeyBody {
  @ApiProperty({ example: 'backend', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: TENANT_SCOPES, isArray: true, example: ['kyc:create', 'kyc:read'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(TENANT_SCOPES, { each: true, message: `each scope must be one of: ${TENANT_SCOPES.join(', ')}` })
  scopes!: TenantScope[];
}
