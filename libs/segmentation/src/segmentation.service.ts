import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { midnightIn } from '@crm/billing';
import { DomainException } from '@crm/errors';
import {
  CustomerSegmentsDto, CustomerSegmentsQueryDto, RecomputeSegmentsDto, RecomputeSegmentsResultDto, SegmentDto, SegmentMemberDto, SegmentMembersPageDto, SegmentMembersQueryDto,
  SegmentSizesDto, SegmentSizesQueryDto, SetRelationshipDto,
} from './dto/segment.dto';
import { ageBandNames, SEGMENTATION_CONFIG, SegmentationConfig } from './segmentation.config';
import { CUSTOMER_SEGMENT_ENTITY, GENDER_SEGMENTS, OPEN_SEGMENT_PATTERN, SEGMENT_DIMENSIONS, SEGMENT_LABELS, SEGMENTS_OF, SegmentDimension } from './segmentation.constants';
import { SegmentationRepository, SegmentRow } from './segmentation.repository';
import { todayIn } from '@crm/federation';

/** `YYYY-MM` shifted by n months. */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
const iso = (d: Date | string): string => new Date(d).toISOString();

export function toSegmentDto(r: SegmentRow): SegmentDto {
  return {
    customerId: r.customer_id,
    dimension: r.dimension,
    period: r.period,
    segment: r.segment,
    label: SEGMENT_LABELS[r.segment] ?? r.segment,
    source: r.source,
    reason: r.reason ?? {},
    computedAt: iso(r.computed_at),
    computedBy: r.computed_by,
  };
}

const toMember = (r: SegmentRow): SegmentMemberDto => ({
  ...toSegmentDto(r),
  customerName: r.customer_name!,
  customerType: r.customer_type!,
  districtCode: r.district_code!,
  former: !!r.deleted_at,
});

/**
 * 客戶分類: puts every customer of the city in one segment per dimension and period (attribute,
 * relationship, value, credit, satisfaction, loyalty; individuals also geography, demographic,
 * behaviour; units industry, size, spend) with set-based SQL, keeps manual relationship
 * assignments (competitor's, interconnected), and answers sizes, members and a customer's segments.
 */
@Injectable()
export class SegmentationService {
  constructor(
    private readonly repo: SegmentationRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SEGMENTATION_CONFIG) private readonly cfg: SegmentationConfig,
  ) {}

  get config(): SegmentationConfig {
    return this.cfg;
  }

  /** The period asked, or the current month; a future month is refused. */
  private period(p: string | undefined, field = 'period'): string {
    const current = todayIn(this.node.timezone).slice(0, 7);
    const period = p ?? current;
    if (period > current) throw DomainException.badRequest(`${field} ${period} is after the current month ${current}`, [{ field, problem: 'must not be after the current month' }]);
    return period;
  }

  /** The fixed segments of a dimension (demographic from the configured age bands); undefined for an open one (district, industry codes). */
  private segmentsOf(dimension: SegmentDimension): readonly string[] | undefined {
    if (dimension === SegmentDimension.Demographic) {
      const bands = [...ageBandNames(this.cfg.individual.ageBands), 'unknown'];
      return GENDER_SEGMENTS.flatMap((g) => bands.map((b) => `${g}_${b}`));
    }
    return SEGMENTS_OF[dimension];
  }

  /** A dimension and one of its segments, else 400 naming the field. */
  private checkSegment(dimension: string, segment: string): void {
    if (!(SEGMENT_DIMENSIONS as string[]).includes(dimension)) {
      throw DomainException.badRequest(`dimension must be one of ${SEGMENT_DIMENSIONS.join(', ')}`, [{ field: 'dimension', problem: `must be one of ${SEGMENT_DIMENSIONS.join(', ')}` }]);
    }
    const segments = this.segmentsOf(dimension as SegmentDimension);
    if (segments && !segments.includes(segment)) throw DomainException.badRequest(`segment must be one of ${segments.join(', ')} for ${dimension}`, [{ field: 'segment', problem: `must be one of ${segments.join(', ')}` }]);
    const pattern = OPEN_SEGMENT_PATTERN[dimension as SegmentDimension];
    if (pattern && !pattern.test(segment)) throw DomainException.badRequest(`segment ${segment} is not a ${dimension} code`, [{ field: 'segment', problem: `must match ${pattern.source}` }]);
  }

  // ------------------------------------------------------------ writes

  /** Segments the customers (default: every customer of the city) for a period, batch by batch; idempotent. */
  async recompute(dto: RecomputeSegmentsDto, actor: RequestActor): Promise<RecomputeSegmentsResultDto> {
    const period = this.period(dto.period);
    const periodStart = `${period}-01`;
    const windowStart = `${addMonths(period, 1 - this.cfg.value.windowMonths)}-01`;
    const month = { from: midnightIn(this.node.timezone, periodStart), to: midnightIn(this.node.timezone, `${addMonths(period, 1)}-01`) };
    const size = this.cfg.batchSize;
    const result: RecomputeSegmentsResultDto = { period, customers: 0, written: 0, unchanged: 0, removed: 0, keptManual: 0, batches: 0 };
    const run = async (ids: string[]) => {
      const o = await this.repo.segmentBatch(ids, periodStart, windowStart, month, this.cfg, actor.username);
      result.customers += ids.length;
      result.written += o.written;
      result.removed += o.removed;
      result.keptManual += o.kept_manual;
      result.unchanged += o.total - o.written - o.kept_manual;
      result.batches += 1;
    };
    if (dto.customerIds) {
      const max = this.cfg.maxCustomerIds;
      if (dto.customerIds.length > max) throw DomainException.badRequest(`At most ${max} customerIds at once`, [{ field: 'customerIds', problem: `at most ${max}` }]);
      const ids = [...new Set(dto.customerIds)].sort();
      const known = await this.repo.customers(ids);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length) throw DomainException.badRequest(`Unknown customers: ${unknown.slice(0, 10).join(', ')}`, [{ field: 'customerIds', problem: `unknown: ${unknown.slice(0, 10).join(', ')}` }]);
      for (let i = 0; i < ids.length; i += size) await run(ids.slice(i, i + size));
    } else {
      let after: string | null = null;
      for (;;) {
        const ids = await this.repo.nextCustomerIds(after, size);
        if (!ids.length) break;
        await run(ids);
        after = ids[ids.length - 1];
        if (ids.length < size) break;
      }
    }
    await this.audit.record(undefined, actor, {
      action: 'update',
      entityType: CUSTOMER_SEGMENT_ENTITY,
      newValues: { recompute: { ...result, customerIds: dto.customerIds && dto.customerIds.length <= 100 ? dto.customerIds : undefined } },
    });
    return result;
  }

  /** Assigns a relationship segment by hand (competitor's, interconnected…); kept by recomputation; audited. */
  async setRelationship(customerId: string, dto: SetRelationshipDto, actor: RequestActor): Promise<SegmentDto> {
    if (!(await this.repo.customers([customerId])).has(customerId)) throw DomainException.notFound('Customer', customerId);
    const periodStart = `${this.period(dto.period)}-01`;
    return this.repo.transaction(async (manager) => {
      const before = await this.repo.findOne(manager, customerId, SegmentDimension.Relationship, periodStart);
      const row = await this.repo.upsertManual(manager, customerId, SegmentDimension.Relationship, periodStart, dto.segment, { note: dto.reason }, actor.username);
      await this.audit.record(manager, actor, {
        action: before ? 'update' : 'create',
        entityType: CUSTOMER_SEGMENT_ENTITY,
        entityId: customerId,
        oldValues: before ? { dimension: before.dimension, period: before.period, segment: before.segment, source: before.source } : null,
        newValues: { dimension: row.dimension, period: row.period, segment: row.segment, source: row.source, reason: dto.reason },
      });
      return toSegmentDto(row);
    });
  }

  // ------------------------------------------------------------ reads

  async customerSegments(customerId: string, q: CustomerSegmentsQueryDto): Promise<CustomerSegmentsDto> {
    if (!(await this.repo.customers([customerId])).has(customerId)) throw DomainException.notFound('Customer', customerId);
    const rows = await this.repo.ofCustomer(customerId, q.period && `${q.period}-01`);
    return { customerId, period: rows[0]?.period ?? q.period ?? null, items: rows.map(toSegmentDto) };
  }

  async sizes(q: SegmentSizesQueryDto): Promise<SegmentSizesDto> {
    const period = this.period(q.period);
    const rows = await this.repo.sizes(`${period}-01`, q.dimension);
    const dims = q.dimension ? [q.dimension] : SEGMENT_DIMENSIONS;
    return {
      period,
      dimensions: dims.map((dimension) => {
        const mine = rows.filter((r) => r.dimension === dimension);
        const names = this.segmentsOf(dimension) ?? mine.map((r) => r.segment).sort();
        const segments = names.map((segment) => ({ segment, label: SEGMENT_LABELS[segment] ?? segment, count: mine.find((r) => r.segment === segment)?.n ?? 0 }));
        return { dimension, total: segments.reduce((a, s) => a + s.count, 0), segments };
      }),
    };
  }

  async members(dimension: string, segment: string, q: SegmentMembersQueryDto): Promise<SegmentMembersPageDto> {
    this.checkSegment(dimension, segment);
    const period = this.period(q.period);
    const [rows, total] = await this.repo.page(this.repo.membersQuery(dimension, segment, `${period}-01`), q.page, q.pageSize);
    return { dimension, segment, label: SEGMENT_LABELS[segment] ?? segment, period, items: rows.map(toMember), total, page: q.page, pageSize: q.pageSize };
  }

  /** The members query of an export (checked like `members`). */
  membersExport(dimension: string, segment: string, p: string | undefined) {
    this.checkSegment(dimension, segment);
    const period = this.period(p);
    return { period, query: this.repo.membersQuery(dimension, segment, `${period}-01`) };
  }
}
