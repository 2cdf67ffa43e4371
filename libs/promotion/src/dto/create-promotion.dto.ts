import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { POLICY_CODE_PATTERN, PromotionMethod, PromotionStatus } from '../promotion.constants';
import { TargetRuleDto } from './target-rule.dto';

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class CreatePromotionDto {
  @ApiProperty({ example: 'PROMO-2026-E9', description: '政策編號, unique' })
  @Matches(POLICY_CODE_PATTERN, { message: 'policyCode must be 2-32 upper-case letters, digits or -' })
  policyCode: string;

  @ApiProperty({ example: '天翼 e9 融合老用戶回饋', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: '提升融合套餐老用戶留存', maxLength: 500, description: '目的' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string;

  @ApiProperty({ example: '2026-12-01' })
  @Matches(DAY_PATTERN, { message: 'periodFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'periodFrom must be a real calendar date' })
  periodFrom: string;

  @ApiProperty({ example: '2027-02-28', description: 'Last day, on or after periodFrom' })
  @Matches(DAY_PATTERN, { message: 'periodTo must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'periodTo must be a real calendar date' })
  periodTo: string;

  @ApiPropertyOptional({ type: [String], example: ['440106', '440104'], description: 'District codes of this city; empty or absent: the whole city' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(/^\d{6}$/, { each: true, message: 'regionCodes must be 6-digit district codes' })
  regionCodes?: string[];

  @ApiProperty({ enum: PromotionMethod })
  @IsEnum(PromotionMethod)
  method: PromotionMethod;

  @ApiPropertyOptional({ example: '寬帶月費 8 折，連續 6 個月', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: TargetRuleDto, description: 'Who is eligible; validated, unknown keys refused' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TargetRuleDto)
  targetRule?: TargetRuleDto;

  @ApiPropertyOptional({ enum: [PromotionStatus.Draft, PromotionStatus.Active], default: PromotionStatus.Draft })
  @IsOptional()
  @IsEnum(PromotionStatus)
  status?: PromotionStatus;
}
