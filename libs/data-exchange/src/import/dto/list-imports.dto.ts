import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { ImportKind } from '../import-target';
import { IMPORT_KINDS, ImportStatus } from '../import.constants';

export class ListImportsDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_KINDS })
  @IsOptional()
  @IsIn(IMPORT_KINDS)
  kind?: ImportKind;

  @ApiPropertyOptional({ enum: ImportStatus })
  @IsOptional()
  @IsEnum(ImportStatus)
  status?: ImportStatus;
}
