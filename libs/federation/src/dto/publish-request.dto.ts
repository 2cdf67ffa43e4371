import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

export class PublishRequestDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day to (re)publish; default: the configured window' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day to (re)publish; default: today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ default: false, description: 'Send a new version even of unchanged days (after a parent lost or refused data)' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
