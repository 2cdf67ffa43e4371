import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CODE_PATTERN } from '../base-config.constants';
import { ReferenceQueryDto, VersionedChangeDto } from '../reference-data/reference-query.dto';

export class CreateCustomerLevelDto {
  @ApiProperty({ example: 'GOLD', description: 'Letters, digits, _ and -; at most 16' })
  @Matches(CODE_PATTERN, { message: 'code must be 1-16 letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: '金卡', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiProperty({ type: 'integer', example: 3, minimum: 0, maximum: 1_000_000, description: 'Order of the levels, higher is better; unique' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rank: number;

  @ApiPropertyOptional({ type: 'integer', example: 500000, default: 0, description: 'Minimum annual spend in fen (分) to qualify' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minAnnualSpendFen?: number;

  @ApiPropertyOptional({ example: '年消費 5000 元以上', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;
}

export class UpdateCustomerLevelDto extends IntersectionType(PartialType(OmitType(CreateCustomerLevelDto, ['code'] as const)), VersionedChangeDto) {}

export const CUSTOMER_LEVEL_SORTS = ['rank', '-rank', 'code', '-code', 'name', '-name'] as const;

export class ListCustomerLevelsDto extends ReferenceQueryDto {
  @ApiPropertyOptional({ enum: CUSTOMER_LEVEL_SORTS, default: 'rank' })
  @IsOptional()
  @IsIn(CUSTOMER_LEVEL_SORTS)
  sort: (typeof CUSTOMER_LEVEL_SORTS)[number] = 'rank';
}

export class CustomerLevelDto {
  @ApiProperty({ example: 'GOLD' }) code: string;
  @ApiProperty({ example: '金卡' }) name: string;
  @ApiProperty({ type: 'integer', example: 3 }) rank: number;
  @ApiProperty({ type: 'integer', example: 500000, description: 'Fen (分)' }) minAnnualSpendFen: number;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}
