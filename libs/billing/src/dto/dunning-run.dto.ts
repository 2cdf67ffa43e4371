import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { DAY_PATTERN } from './create-bill.dto';

/** Start a dunning run now (催繳), for today or a past day that was missed. */
export class StartDunningRunDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'The day the run is for (city time zone); today when absent; never in the future' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'asOf must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'asOf must be a real calendar date' })
  asOf?: string;
}
