import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { ArrearStatus } from '../billing.constants';

/** What staff may change on a live arrear: write it off (核銷), or set / lift the suspension flag. */
export class UpdateArrearDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: [ArrearStatus.WrittenOff], description: 'Only written_off: recovery is derived from payments' })
  @IsOptional()
  @IsIn([ArrearStatus.WrittenOff], { message: 'status may only be set to written_off' })
  status?: ArrearStatus.WrittenOff;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  suspended?: boolean;
}
