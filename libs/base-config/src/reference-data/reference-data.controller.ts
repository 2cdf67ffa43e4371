import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, PipeTransform, Post, Query, Res, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
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
import type { Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ExportFormat, ExportFormatDto, streamExport } from '@crm/data-exchange';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { Page, PageQueryDto } from '@crm/platform';
import { ReferenceFilter, ReferenceListQuery, ReferenceOperations } from './reference-data.types';

/** A path parameter checked against a pattern: 400 naming the parameter otherwise. */
export function keyParamPipe(param: string, pattern: RegExp, problem: string): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (!pattern.test(value)) throw new DomainException(ErrorCode.ValidationFailed, `${param} ${problem}`, [{ field: param, problem }]);
      return value;
    },
  };
}

/** A named `{items,total,page,pageSize}` schema for Swagger. */
export function pageDtoOf<R>(item: Type<R>): Type<Page<R>> {
  class PageDto implements Page<R> {
    @ApiProperty({ type: [item] }) items: R[];
    @ApiProperty({ type: 'integer' }) total: number;
    @ApiProperty({ type: 'integer' }) page: number;
    @ApiProperty({ type: 'integer' }) pageSize: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}

export interface ReferenceControllerOptions<R, C, U, Q extends ReferenceListQuery> {
  /** Class name (Swagger operation ids, logs), e.g. `BusinessHallController`. */
  name: string;
  /** Plural path under /api/v1, e.g. `business-halls`. */
  path: string;
  /** What one row is, in Chinese and English, e.g. `營業廳 business hall`. */
  noun: string;
  key: { param: 'code' | 'id'; pipe: PipeTransform<string, string> };
  service: Type<ReferenceOperations<R, C, U, Q>>;
  dto: { create: Type<C>; update: Type<U>; list: Type<Q>; item: Type<R> };
}

/**
 * The routes of a reference resource, all under `/api/v1/<path>`: POST (201), GET (page), GET
 * /export, GET /:key, PATCH /:key (with `version`), DELETE /:key (204). Reads need config:read,
 * writes config:write. The DTO classes are passed in, so validation and Swagger see them exactly
 * as in a hand-written controller.
 */
export function referenceDataController<R, C, U, Q extends ReferenceListQuery>(o: ReferenceControllerOptions<R, C, U, Q>): Type<unknown> {
  const keyParam = o.key.param;
  const PageDto = pageDtoOf(o.dto.item);
  class ExportQueryDto extends IntersectionType(OmitType(o.dto.list as unknown as Type<PageQueryDto>, ['page', 'pageSize'] as const), ExportFormatDto) {}

  @ApiTags(o.path)
  @Controller(`api/v1/${o.path}`)
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
  class ReferenceDataController {
    constructor(@Inject(o.service) private readonly service: ReferenceOperations<R, C, U, Q>) {}

    @Post()
    @RequirePermissions(Permission.ConfigWrite)
    @ApiOperation({ summary: `Create a ${o.noun} (建立)` })
    @ApiCreatedResponse({ type: o.dto.item })
    @ApiConflictResponse({ type: ErrorResponseDto, description: 'The code (or another unique value) is taken' })
    create(@Body() dto: C, @Actor() actor: RequestActor): Promise<R> {
      return this.service.create(dto, actor);
    }

    @Get()
    @RequirePermissions(Permission.ConfigRead)
    @ApiOperation({ summary: `Query ${o.noun} records by criteria (查詢), paginated` })
    @ApiOkResponse({ type: PageDto })
    list(@Query() query: Q, @Actor() actor: RequestActor): Promise<Page<R>> {
      return this.service.list(query, actor);
    }

    @Get('export')
    @RequirePermissions(Permission.ConfigRead)
    @ApiOperation({ summary: `Export or print ${o.noun} records (導出 / 打印) with the list's filters, streamed` })
    @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
    @ApiOkResponse({ description: 'CSV (UTF-8 with BOM), XLSX, or a printable HTML page' })
    async export(@Query() query: ReferenceFilter<Q> & { format: ExportFormat }, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
      const rows = await this.service.exportRows(query, actor);
      await streamExport(res, { format: query.format, ...this.service.exportSpec, rows });
    }

    @Get(`:${keyParam}`)
    @RequirePermissions(Permission.ConfigRead)
    @ApiOperation({ summary: `Read one ${o.noun}` })
    @ApiOkResponse({ type: o.dto.item })
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    get(@Param(keyParam, o.key.pipe) key: string, @Actor() actor: RequestActor): Promise<R> {
      return this.service.get(key, actor);
    }

    @Patch(`:${keyParam}`)
    @RequirePermissions(Permission.ConfigWrite)
    @ApiOperation({ summary: `Modify a ${o.noun} (修改); body carries the version read` })
    @ApiOkResponse({ type: o.dto.item })
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version, or a unique value taken' })
    update(@Param(keyParam, o.key.pipe) key: string, @Body() dto: U, @Actor() actor: RequestActor): Promise<R> {
      return this.service.update(key, dto, actor);
    }

    @Delete(`:${keyParam}`)
    @HttpCode(204)
    @RequirePermissions(Permission.ConfigWrite)
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
    list: [o.dto.list, Object],
    export: [ExportQueryDto, Object, Object],
    get: [String, Object],
    update: [String, o.dto.update, Object],
    remove: [String, Object],
  };
  for (const [method, types] of Object.entries(paramTypes)) Reflect.defineMetadata('design:paramtypes', types, ReferenceDataController.prototype, method);
  Object.defineProperty(ReferenceDataController, 'name', { value: o.name });
  return ReferenceDataController;
}
