import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PageQueryDto } from '@crm/platform';
import { PromotionMethod, PromotionStatus } from '../promotion.constants';
import { DAY_PATTERN } from './create-promotion.dto';

export const PROMOTION_SORTS = ['periodFrom', '-periodFrom', 'name', '-name', 'createdAt', '-createdAt'] as const;

export class PromotionFilterDto {
  @ApiPropertyOptional({ enum: PromotionStatus })
  @IsOptional()
  @IsEnum(PromotionStatus)
  status?: PromotionStatus;

  @ApiPropertyOptional({ enum: PromotionMethod })
  @IsOptional()
  @IsEnum(PromotionMethod)
  method?: PromotionMethod;

  @ApiPropertyOptional({ example: '440106', description: 'Promotions that cover this district (including whole-city ones)' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ example: '2026-12-15', description: 'Promotions whose period contains this day' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'activeOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'activeOn must be a real calendar date' })
  activeOn?: string;

  @ApiPropertyOptional({ description: 'Prefix of the name or the policy code' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ enum: PROMOTION_SORTS, default: '-periodFrom' })
  @IsOptional()
  @IsIn(PROMOTION_SORTS)
  sort: (typeof PROMOTION_SORTS)[number] = '-periodFrom';
}

export class ListPromotionsDto extends IntersectionType(PageQueryDto, PromotionFilterDto) {}
export class ExportPromotionsDto extends IntersectionType(ExportFormatDto, PromotionFilterDto) {}
