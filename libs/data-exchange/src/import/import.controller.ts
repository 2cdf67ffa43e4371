import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { PageQueryDto } from '@crm/platform';
import { ExportFormatDto } from '@crm/export';
import { ImportJobDto, ImportJobPageDto, ImportRejectionPageDto } from './dto/import-job.dto';
import { ListImportsDto } from './dto/list-imports.dto';
import { ImportKindParamDto, StartImportDto } from './dto/start-import.dto';
import { IMPORT_KINDS } from './import.constants';
import { ImportService, StoredUpload } from './import.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';

const importId = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]),
});

@ApiTags('imports')
@Controller('api/v1/imports')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(202)
  @RequirePermissions(Permission.ImportRun)
  @UseInterceptors(ImportUploadInterceptor, FileInterceptor('file'))
  @ApiOperation({ summary: 'Import a CSV or XLSX file of customers, subscriptions or usage (導入); runs as a job, answered at once' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary', description: '.csv (UTF-8) or .xlsx (first sheet); the first row names the columns (GET /api/v1/imports/templates/{kind})' },
        kind: { type: 'string', enum: [...IMPORT_KINDS] },
      },
    },
  })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'The import is queued; follow it with GET /api/v1/imports/{id}' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto })
  start(@UploadedFile() file: StoredUpload | undefined, @Body() dto: StartImportDto, @Actor() actor: RequestActor): Promise<ImportJobDto> {
    return this.imports.start(file, dto.kind, actor);
  }

  @Get()
  @RequirePermissions(Permission.ImportRun)
  @ApiOperation({ summary: 'Imports of this node, newest first' })
  @ApiOkResponse({ type: ImportJobPageDto })
  list(@Query() query: ListImportsDto): Promise<ImportJobPageDto> {
    return this.imports.list(query);
  }

  @Get('templates/:kind')
  @RequirePermissions(Permission.ImportRun)
  @ApiOperation({ summary: 'A CSV template: the header row of a kind’s columns' })
  @ApiProduces('text/csv')
  template(@Param() params: ImportKindParamDto, @Res() res: Response): void {
    const { filename, content } = this.imports.template(params.kind);
    res.status(200).setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.send(content);
  }

  @Get(':id')
  @RequirePermissions(Permission.ImportRun)
  @ApiOperation({ summary: 'One import: status, counts and progress' })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', importId) id: string): Promise<ImportJobDto> {
    return this.imports.get(id);
  }

  @Get(':id/rejections')
  @RequirePermissions(Permission.ImportRun)
  @ApiOperation({ summary: 'Rows an import rejected, by line, with the reason (personal data masked)' })
  @ApiOkResponse({ type: ImportRejectionPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rejections(@Param('id', importId) id: string, @Query() query: PageQueryDto): Promise<ImportRejectionPageDto> {
    return this.imports.rejections(id, query.page, query.pageSize);
  }

  @Get(':id/rejections/export')
  @RequirePermissions(Permission.ImportRun)
  @ApiOperation({ summary: 'Export or print the rejected rows (CSV, XLSX or HTML); streamed' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async exportRejections(@Param('id', importId) id: string, @Query() query: ExportFormatDto, @Res() res: Response): Promise<void> {
    await this.imports.exportRejections(id, query.format, res);
  }
}
