import { Injectable } from '@nestjs/common';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { checkTransition, ServiceRequestDto, ServiceRequestService } from '@crm/service';
import { isUuid, parseCreate, parsePatch, selectFields, toTroubleTicket, TroubleTicket } from './trouble-ticket.mapper';
import { parseTicketQuery } from './trouble-ticket-query.util';
import { TmfException } from './tmf.exception';

/**
 * TMF621 Trouble Ticket v4 over the city's service requests: every operation goes through
 * ServiceRequestService (validation of references, first-contact ownership, key-account routing,
 * SLA, lifecycle, history and audit stay in @crm/service); this class only maps.
 */
@Injectable()
export class TroubleTicketService {
  constructor(private readonly requests: ServiceRequestService) {}

  async create(body: unknown, actor: RequestActor, baseUrl: string): Promise<TroubleTicket> {
    const { input, attachments } = parseCreate(body, new Date(), actor.username);
    return toTroubleTicket(await this.requests.create(input, actor, { attachments }), baseUrl);
  }

  async list(query: Record<string, unknown>, baseUrl: string): Promise<{ items: Partial<TroubleTicket>[]; total: number }> {
    const q = parseTicketQuery(query);
    const { items, total } = await this.requests.window(q.criteria, q.offset, q.limit);
    return { items: items.map((r) => selectFields(toTroubleTicket(r, baseUrl), q.fields)), total };
  }

  async get(id: string, fields: unknown, baseUrl: string): Promise<Partial<TroubleTicket>> {
    const f = fields === undefined ? undefined : parseTicketQuery({ fields }).fields;
    return selectFields(toTroubleTicket(await this.find(id), baseUrl), f);
  }

  /**
   * JSON merge patch: descriptive fields through ServiceRequestService.update (with the version just
   * read), then the status through the lifecycle. The transition is checked first, so an illegal
   * one (409) changes nothing.
   */
  async patch(id: string, body: unknown, actor: RequestActor, baseUrl: string): Promise<TroubleTicket> {
    const current = await this.find(id);
    const patch = parsePatch(body, current, new Date(), actor.username);
    const move = patch.status !== undefined && patch.status !== current.status ? patch.status : undefined;
    if (move) {
      const check = checkTransition(current.status, move, 'manual');
      if (!check.ok) {
        const allowed = check.allowed.length ? `; allowed from ${current.status}: ${check.allowed.join(', ')}` : '';
        throw new TmfException(409, check.code, 'Illegal status transition', `${check.reason}${allowed}`);
      }
    }
    if (Object.keys(patch.set).length) await this.requests.update(id, { ...patch.set, version: current.version }, actor);
    if (move) await this.requests.transition(id, { to: move, reason: patch.statusChangeReason }, actor);
    return toTroubleTicket(await this.find(id), baseUrl);
  }

  private async find(id: string): Promise<ServiceRequestDto> {
    if (!isUuid(id)) throw TmfException.notFound(id);
    try {
      return await this.requests.findById(id);
    } catch (err) {
      if (err instanceof DomainException && err.code === ErrorCode.NotFound) throw TmfException.notFound(id);
      throw err;
    }
  }
}
