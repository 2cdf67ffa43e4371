import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { TmfErrorDto, TroubleTicketCreateDto, TroubleTicketDto, TroubleTicketUpdateDto } from './dto/trouble-ticket.dto';
import { TmfExceptionFilter } from './tmf-exception.filter';
import { TROUBLE_TICKET_PATH } from './tmf621.constants';
import { TroubleTicket } from './trouble-ticket.mapper';
import { TroubleTicketService } from './trouble-ticket.service';

const baseUrl = (req: Request): string => `${req.protocol}://${req.get('host')}`;

/**
 * TMF621 Trouble Ticket Management API v4 (TM Forum) over the city's service requests (服務請求).
 * Errors in the TMF630 Error shape (this controller only). See docs/tmf621.md.
 */
@ApiTags('TMF621 Trouble Ticket')
@Controller(TROUBLE_TICKET_PATH.slice(1))
@UseFilters(TmfExceptionFilter)
@ApiBadRequestResponse({ type: TmfErrorDto, description: 'Invalid input (TMF630 Error)' })
@ApiUnauthorizedResponse({ type: TmfErrorDto })
@ApiForbiddenResponse({ type: TmfErrorDto })
export class TroubleTicketController {
  constructor(private readonly tickets: TroubleTicketService) {}

  @Post()
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Create a TroubleTicket (a service request); description, severity and ticketType are mandatory, status is ignored (acknowledged)' })
  @ApiBody({ type: TroubleTicketCreateDto })
  @ApiCreatedResponse({ type: TroubleTicketDto })
  async create(@Body() body: unknown, @Actor() actor: RequestActor, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TroubleTicket> {
    const ticket = await this.tickets.create(body, actor, baseUrl(req));
    res.location(ticket.href);
    return ticket;
  }

  @Get()
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'List TroubleTickets: attribute filters, fields, offset / limit; X-Total-Count and X-Result-Count headers' })
  @ApiQuery({ name: 'fields', required: false, description: 'Comma-separated attributes (id and href always)' })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: 'Default 100, at most 1000' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'severity', required: false })
  @ApiQuery({ name: 'ticketType', required: false })
  @ApiQuery({ name: 'channel.name', required: false })
  @ApiQuery({ name: 'relatedParty.id', required: false })
  @ApiQuery({ name: 'creationDate.gt', required: false })
  @ApiQuery({ name: 'creationDate.lt', required: false })
  @ApiOkResponse({ type: [TroubleTicketDto] })
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Partial<TroubleTicket>[]> {
    const { items, total } = await this.tickets.list(query, baseUrl(req));
    res.setHeader('X-Total-Count', String(total));
    res.setHeader('X-Result-Count', String(items.length));
    return items;
  }

  @Get(':id')
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({ summary: 'Read a TroubleTicket (404 TMF Error for unknown or malformed ids)' })
  @ApiQuery({ name: 'fields', required: false })
  @ApiOkResponse({ type: TroubleTicketDto })
  @ApiNotFoundResponse({ type: TmfErrorDto })
  get(@Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: Request): Promise<Partial<TroubleTicket>> {
    return this.tickets.get(id, query.fields, baseUrl(req));
  }

  @Patch(':id')
  @HttpCode(200)
  @RequirePermissions(Permission.ServiceWrite)
  @ApiOperation({ summary: 'Merge-patch a TroubleTicket: name, description, note; status through the lifecycle (409 when not allowed)' })
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiBody({ type: TroubleTicketUpdateDto })
  @ApiOkResponse({ type: TroubleTicketDto })
  @ApiNotFoundResponse({ type: TmfErrorDto })
  @ApiConflictResponse({ type: TmfErrorDto, description: 'Illegal status transition (code SERVICE_TRANSITION_<FROM>_TO_<TO>) or a concurrent change' })
  patch(@Param('id') id: string, @Body() body: unknown, @Actor() actor: RequestActor, @Req() req: Request): Promise<TroubleTicket> {
    return this.tickets.patch(id, body, actor, baseUrl(req));
  }
}
