import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ImportKind } from '../import-target';
import { IMPORT_KINDS } from '../import.constants';

/** Form fields of `POST /api/v1/imports` besides the file. */
export class StartImportDto {
  @ApiProperty({ enum: IMPORT_KINDS, description: 'What the file holds' })
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind: ImportKind;
}

/** `:kind` of the template route. */
export class ImportKindParamDto {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind: ImportKind;
}
