import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { RequestId } from '@crm/logging';
import { CreateEscalationDto, DecideEscalationDto, EscalationDto, EscalationPageDto, EscalationQueryDto, ServiceEscalationDto } from './dto/escalation.dto';
import { EscalationService } from './escalation.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });

@ApiTags('escalations')
@Controller('api/v1/escalations')
export class EscalationController {
  constructor(private readonly escalations: EscalationService) {}

  @Get()
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Escalations received from the cities below (province, HQ); on a city, its own escalations', description: 'Filters status, originNode (city), kind; newest first.' })
  @ApiOkResponse({ type: EscalationPageDto })
  list(@Query() q: EscalationQueryDto) {
    return this.escalations.list(q);
  }

  @Get(':id')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'An escalation: the summary the city sent (no personal data) and every decision' })
  @ApiOkResponse({ type: EscalationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  findOne(@Param('id', uuid) id: string) {
    return this.escalations.findOne(id);
  }

  @Post(':id/decisions')
  @HttpCode(201)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Decide an escalation (province, HQ): under_review, resolved, rejected, or forwarded to HQ (province)', description: 'Each decision goes down to the city as an escalation-update message; forwarding also sends the escalation up.' })
  @ApiCreatedResponse({ type: EscalationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'NOT_SUPPORTED_ON_TIER on a city; forwarding twice or from HQ' })
  decide(@Param('id', uuid) id: string, @Body() dto: DecideEscalationDto, @Actor() actor: RequestActor, @RequestId() requestId: string): Promise<EscalationDto> {
    return this.escalations.decide(id, dto, actor, requestId);
  }
}

@ApiTags('service-requests')
@Controller('api/v1/service-requests')
export class ServiceRequestEscalationController {
  constructor(private readonly escalations: EscalationService) {}

  @Post(':id/escalations')
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({
    summary: 'Escalate (升級) or appeal (申訴) a request to the province (or HQ through it)',
    description: 'Escalation: open requests; appeal: open or resolved. Sends a summary without personal data (docs/escalation.md); decisions come back into the history.',
  })
  @ApiCreatedResponse({ type: ServiceEscalationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'request not in an escalable status, an unfinished escalation of the same kind, or not a city' })
  escalate(@Param('id', uuid) id: string, @Body() dto: CreateEscalationDto, @Actor() actor: RequestActor, @RequestId() requestId: string): Promise<ServiceEscalationDto> {
    return this.escalations.escalate(id, dto, actor, requestId);
  }

  @Get(':id/escalations')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: "The request's escalations and appeals with the decisions received" })
  @ApiOkResponse({ type: [ServiceEscalationDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  ofRequest(@Param('id', uuid) id: string): Promise<ServiceEscalationDto[]> {
    return this.escalations.ofRequest(id);
  }
}
