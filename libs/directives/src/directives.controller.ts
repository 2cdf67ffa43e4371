import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { RequestId } from '@crm/logging';
import { DirectiveService } from './directive.service';
import { CreateDirectiveDto, DirectiveDetailDto, DirectiveDto, DirectivePageDto, DirectiveQueryDto } from './dto/directive.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });

@ApiTags('directives')
@Controller('api/v1/directives')
export class DirectivesController {
  constructor(private readonly directives: DirectiveService) {}

  @Post()
  @RequirePermissions(Permission.FederationPublish)
  @ApiOperation({ summary: 'Issue the next version of a directive (HQ, province) and send it down', description: 'Versioned per key; each province relays it to its cities in scope; every node reports the version it applied.' })
  @ApiCreatedResponse({ type: DirectiveDetailDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'NOT_SUPPORTED_ON_TIER on a city' })
  issue(@Body() dto: CreateDirectiveDto, @Actor() actor: RequestActor, @RequestId() requestId: string): Promise<DirectiveDetailDto> {
    return this.directives.issue(dto, actor, requestId);
  }

  @Get()
  @RequirePermissions(Permission.FederationRead)
  @ApiOperation({ summary: 'Directives issued here or received from above, newest first' })
  @ApiOkResponse({ type: DirectivePageDto })
  list(@Query() q: DirectiveQueryDto): Promise<DirectivePageDto> {
    return this.directives.list(q);
  }

  @Get('in-force')
  @RequirePermissions(Permission.FederationRead)
  @ApiOperation({ summary: 'The version of each directive in force here today' })
  @ApiOkResponse({ type: [DirectiveDto] })
  inForce(@Query() q: DirectiveQueryDto): Promise<DirectiveDto[]> {
    return this.directives.inForce({ key: q.key, kind: q.kind });
  }

  @Get(':id')
  @RequirePermissions(Permission.FederationRead)
  @ApiOperation({ summary: 'A directive with the version each node below applied' })
  @ApiOkResponse({ type: DirectiveDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  findOne(@Param('id', uuid) id: string): Promise<DirectiveDetailDto> {
    return this.directives.findOne(id);
  }
}
