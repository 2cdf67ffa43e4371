import type { ServiceRequestCriteria } from '@crm/service';
import { channelOf, isUuid, kindOf, severityOf, statusOf } from './trouble-ticket.mapper';
import { DEFAULT_LIMIT, MAX_LIMIT } from './tmf621.constants';
import { TmfException } from './tmf.exception';

export interface TicketListQuery {
  criteria: ServiceRequestCriteria;
  offset: number;
  limit: number;
  fields?: string[];
}

const invalid = (message: string) => TmfException.badRequest('Invalid query', message, 'INVALID_QUERY');

/** Repeated parameters and comma lists alike: `status=a,b` = `status=a&status=b`. */
function values(v: unknown): string[] {
  const all = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : String(x)));
  return all.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
}

function single(name: string, v: unknown): string {
  const all = Array.isArray(v) ? v : [v];
  if (all.length !== 1 || typeof all[0] !== 'string') throw invalid(`${name} must be given once`);
  return all[0];
}

function instant(name: string, v: unknown): Date {
  const s = single(name, v).trim();
  // a date alone is midnight UTC; a date-time should carry its offset
  if (!/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/.test(s) || Number.isNaN(Date.parse(s))) throw invalid(`${name} must be an ISO 8601 date or date-time`);
  return new Date(s);
}

function integer(name: string, v: unknown, min: number, max: number): number {
  const s = single(name, v);
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) throw invalid(`${name} must be an integer from ${min} to ${max}`);
  return Number(s);
}

/** creationDate comparisons: TMF630 `creationDate.gt=…` and the operator forms (`creationDate>=…` arrives as key `creationDate>`). */
const CREATED: Record<string, keyof ServiceRequestCriteria> = {
  'creationDate.gt': 'createdGt', 'creationDate.gte': 'createdGte', 'creationDate.lt': 'createdLt', 'creationDate.lte': 'createdLte',
  'creationDate>': 'createdGte', 'creationDate<': 'createdLte',
};

export const TICKET_FILTERS = ['id', 'status', 'severity', 'ticketType', 'channel.name', 'relatedParty.id', 'name', 'description', 'creationDate', ...Object.keys(CREATED)];

/**
 * The list's query: attribute filters (comma lists are OR), `fields`, `offset` (default 0) and
 * `limit` (default 100, at most 1000). An unknown parameter or value is a 400 naming it: filtering
 * on something not supported must not silently answer everything.
 */
export function parseTicketQuery(q: Record<string, unknown>): TicketListQuery {
  const criteria: ServiceRequestCriteria = {};
  let offset = 0;
  let limit = DEFAULT_LIMIT;
  let fields: string[] | undefined;
  for (const [name, v] of Object.entries(q)) {
    switch (name) {
      case 'fields': {
        const f = values(v);
        fields = f.length === 1 && f[0] === 'none' ? [] : f;
        break;
      }
      case 'offset': offset = integer('offset', v, 0, Number.MAX_SAFE_INTEGER); break;
      case 'limit': limit = integer('limit', v, 1, MAX_LIMIT); break;
      case 'id': criteria.ids = values(v).filter(isUuid); break; // a non-UUID id matches nothing
      case 'status': criteria.statuses = values(v).map((s) => statusOf(s)); break;
      case 'severity': criteria.severities = [...new Set(values(v).map((s) => severityOf(s)))]; break;
      case 'ticketType': criteria.kinds = [...new Set(values(v).map((s) => kindOf(s)))]; break;
      case 'channel.name': criteria.channels = [...new Set(values(v).map((s) => channelOf(s)))]; break;
      case 'relatedParty.id': {
        const ids = values(v);
        if (!ids.every(isUuid)) throw invalid('relatedParty.id must be UUIDs (customer or staff ids)');
        criteria.partyIds = ids;
        break;
      }
      case 'name': criteria.title = single('name', v); break;
      case 'description': criteria.description = single('description', v); break;
      case 'creationDate': {
        const at = instant('creationDate', v);
        criteria.createdGte = at;
        criteria.createdLte = at;
        break;
      }
      default:
        if (!(name in CREATED)) throw invalid(`Unsupported query parameter ${name} (filters: ${TICKET_FILTERS.join(', ')}; plus fields, offset, limit)`);
        (criteria as Record<string, Date>)[CREATED[name]] = instant(name, v);
    }
  }
  return { criteria, offset, limit, fields };
}
