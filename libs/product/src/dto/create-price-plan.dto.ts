import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PRODUCT_CODE_PATTERN } from '../product.constants';
import { IsOptionalNotNull } from '@crm/platform';

export const DATE_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreatePricePlanDto {
  @ApiProperty({ example: 'MOB-5G-129-2026', description: 'Unique among all price plans; fixed once created' })
  @Matches(PRODUCT_CODE_PATTERN, { message: 'code must be 1-32 upper-case letters, digits or -, starting with a letter or digit' })
  code: string;

  @ApiProperty({ example: '5G畅享129元（2026版）', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ type: 'integer', example: 12900, description: 'Monthly fee in fen (分)' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  monthlyFeeFen: number;

  @ApiPropertyOptional({ type: 'integer', default: 0, example: 500 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  includedVoiceMinutes?: number;

  @ApiPropertyOptional({ type: 'integer', default: 0, example: 30720, description: 'Included data in MB' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  includedDataMb?: number;

  @ApiProperty({ example: '2026-01-01', description: 'First day on sale' })
  @Matches(DATE_PATTERN, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, description: 'Last day on sale (inclusive); null or absent: open-ended' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE_PATTERN, { message: 'validTo must be a date YYYY-MM-DD or null' })
  validTo?: string | null;
}
