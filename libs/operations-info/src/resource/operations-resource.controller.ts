import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, PipeTransform, Post, Query, Res, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
  IntersectionType,
  OmitType,
} from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { keyParamPipe, pageDtoOf } from '@crm/base-config';
import { ExportFormat, ExportFormatDto, streamExport } from '@crm/data-exchange';
import { ErrorResponseDto } from '@crm/errors';
import { Page, PageQueryDto } from '@crm/platform';
import { ResourceFilter, ResourceListQuery, ResourceOperations } from './operations-resource.types';

/** Rows one bulk import may carry (larger files go through the import job). */
export const BULK_MAX_ROWS = 500;

/** Shared with base-config's reference data. */
export { keyParamPipe, pageDtoOf };

/** `{ items: [...] }` of a bulk import, each item validated as a create body (fields named `items.<i>.<field>`). */
function bulkDtoOf<C>(create: Type<C>): Type<{ items: C[] }> {
  class BulkDto {
    @ApiProperty({ type: [create], minItems: 1, maxItems: BULK_MAX_ROWS })
    @IsArray()
    @ArrayMinSize(1)
    @ArrayMaxSize(BULK_MAX_ROWS)
    @ValidateNested({ each: true })
    @TransformType(() => create)
    items: C[];
  }
  Object.defineProperty(BulkDto, 'name', { value: `Bulk${create.name}` });
  return BulkDto;
}

export interface ResourceControllerOptions<R, C, U, Q extends ResourceListQuery> {
  name: string;
  /** Plural path under /api/v1. */
  path: string;
  /** What one row is, in Chinese and English. */
  noun: string;
  key: { param: string; pipe: PipeTransform<string, string> };
  service: Type<ResourceOperations<R, C, U, Q>>;
  dto: { create: Type<C>; update: Type<U>; list: Type<Q>; item: Type<R> };
}

/**
 * The routes of an operations resource under `/api/v1/<path>`: POST (201), POST /bulk (201, all or
 * nothing), GET (page), GET /export, GET /:key, PATCH /:key (with `version`), DELETE /:key (204).
 * Reads need operations:read, writes operations:write.
 */
export function operationsResourceController<R, C, U, Q extends ResourceListQuery>(o: ResourceControllerOptions<R, C, U, Q>): Type<unknown> {
  const keyParam = o.key.param;
  const PageDto = pageDtoOf(o.dto.item);
  const BulkDto = bulkDtoOf(o.dto.create);
  class ExportQueryDto extends IntersectionType(OmitType(o.dto.list as unknown as Type<PageQueryDto>, ['page', 'pageSize'] as const), ExportFormatDto) {}
  Object.defineProperty(ExportQueryDto, 'name', { value: `Export${o.dto.list.name.replace(/^List/, '')}` });

  @ApiTags(o.path)
  @Controller(`api/v1/${o.path}`)
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The role lacks operations:read / operations:write' })
  class OperationsResourceController {
    constructor(@Inject(o.service) private readonly service: ResourceOperations<R, C, U, Q>) {}

    @Post()
    @RequirePermissions(Permission.OperationsWrite)
    @ApiOperation({ summary: `Create a ${o.noun} (建立)` })
    @ApiCreatedResponse({ type: o.dto.item })
    @ApiConflictResponse({ type: ErrorResponseDto })
    create(@Body() dto: C, @Actor() actor: RequestActor): Promise<R> {
      return this.service.create(dto, actor);
    }

    @Post('bulk')
    @RequirePermissions(Permission.OperationsWrite)
    @ApiOperation({ summary: `Import ${o.noun} records in bulk (批量導入): a JSON array under items; all or none` })
    @ApiCreatedResponse({ type: [o.dto.item] })
    createMany(@Body() dto: { items: C[] }, @Actor() actor: RequestActor): Promise<R[]> {
      return this.service.createMany(dto.items, actor);
    }

    @Get()
    @RequirePermissions(Permission.OperationsRead)
    @ApiOperation({ summary: `Query ${o.noun} records by criteria (查詢), paginated` })
    @ApiOkResponse({ type: PageDto })
    list(@Query() query: Q, @Actor() actor: RequestActor): Promise<Page<R>> {
      return this.service.list(query, actor);
    }

    @Get('export')
    @RequirePermissions(Permission.OperationsRead)
    @ApiOperation({ summary: `Export or print ${o.noun} records (導出 / 打印) with the list's filters, streamed` })
    @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
    @ApiOkResponse({ description: 'CSV (UTF-8 with BOM), XLSX, or a printable HTML page' })
    async export(@Query() query: ResourceFilter<Q> & { format: ExportFormat }, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
      const { format, ...filters } = query;
      const rows = await this.service.exportRows(filters as unknown as ResourceFilter<Q>, actor);
      await streamExport(res, { format, ...this.service.exportSpec, rows });
    }

    @Get(`:${keyParam}`)
    @RequirePermissions(Permission.OperationsRead)
    @ApiOperation({ summary: `Read one ${o.noun}` })
    @ApiOkResponse({ type: o.dto.item })
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    get(@Param(keyParam, o.key.pipe) key: string, @Actor() actor: RequestActor): Promise<R> {
      return this.service.get(key, actor);
    }

    @Patch(`:${keyParam}`)
    @RequirePermissions(Permission.OperationsWrite)
    @ApiOperation({ summary: `Modify a ${o.noun} (修改); body carries the version read` })
    @ApiOkResponse({ type: o.dto.item })
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or a unique value taken' })
    update(@Param(keyParam, o.key.pipe) key: string, @Body() dto: U, @Actor() actor: RequestActor): Promise<R> {
      return this.service.update(key, dto, actor);
    }

    @Delete(`:${keyParam}`)
    @HttpCode(204)
    @RequirePermissions(Permission.OperationsWrite)
    @ApiOperation({ summary: `Delete a ${o.noun} (刪除)` })
    @ApiNoContentResponse()
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    @ApiConflictResponse({ type: ErrorResponseDto, description: 'Still referenced by other records' })
    async remove(@Param(keyParam, o.key.pipe) key: string, @Actor() actor: RequestActor): Promise<void> {
      await this.service.remove(key, actor);
    }
  }

  // Generic parameters erase to Object in emitted metadata; the validation pipe and Swagger read the real classes from here.
  const paramTypes: Record<string, unknown[]> = {
    create: [o.dto.create, Object],
    createMany: [BulkDto, Object],
    list: [o.dto.list, Object],
    export: [ExportQueryDto, Object, Object],
    get: [String, Object],
    update: [String, o.dto.update, Object],
    remove: [String, Object],
  };
  for (const [method, types] of Object.entries(paramTypes)) Reflect.defineMetadata('design:paramtypes', types, OperationsResourceController.prototype, method);
  Object.defineProperty(OperationsResourceController, 'name', { value: o.name });
  return OperationsResourceController;
}
