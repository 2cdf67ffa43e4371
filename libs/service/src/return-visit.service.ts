import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { ScoringService } from '@crm/scoring';
import { CreateReturnVisitDto, ReturnVisitResultDto } from './dto/return-visit.dto';
import { ReturnVisitDto } from './dto/service-request.dto';
import { SERVICE_RETURN_VISIT_ENTITY, ServiceEventAction, ServiceRequestStatus as S } from './service.constants';
import { toReturnVisitDto } from './service-request.mapper';
import { ServiceRequestRepository } from './service-request.repository';
import { ServiceRequestService } from './service-request.service';
import { ServiceRequestLifecycle } from './service-request-lifecycle.service';

type SurveyInput = Parameters<ScoringService['recordSurvey']>[0];

/** The nine satisfaction factors of @crm/scoring; the first three are what a return visit measures. */
export const RETURN_VISIT_FACTORS = ['attitude', 'serviceQuality', 'timeliness'] as const;
const OTHER_FACTORS = ['corporateImage', 'customerCare', 'reliability', 'security', 'qualityAtPrice', 'priceAtQuality'] as const;

/** Rating 1–5 → 0, 25, 50, 75, 100 on the survey scale. */
export const ratingToScore = (rating: number): number => (rating - 1) * 25;

/**
 * 回訪 (closed loop): a visit to the customer about a resolved request. Satisfied closes it,
 * not satisfied reopens it (in_progress). The rating becomes a satisfaction survey (channel
 * return_visit) through ScoringService.recordSurvey, so the customer's satisfaction score moves.
 */
@Injectable()
export class ReturnVisitService {
  constructor(
    private readonly repo: ServiceRequestRepository,
    private readonly requests: ServiceRequestService,
    private readonly lifecycle: ServiceRequestLifecycle,
    private readonly scoring: ScoringService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
  ) {}

  async record(id: string, dto: CreateReturnVisitDto, actor: RequestActor): Promise<ReturnVisitResultDto> {
    const visitedAt = await this.repo.resolveInstant(dto.visitedAt, this.node.timezone);
    if (visitedAt.future) throw DomainException.badRequest('visitedAt is in the future', [{ field: 'visitedAt', problem: 'must not be in the future' }]);
    const result = await this.repo.transaction(async (manager) => {
      const row = await this.lifecycle.locked(manager, id);
      if (row.status !== S.Resolved) throw DomainException.conflict(`SERVICE_RETURN_VISIT_${row.status.toUpperCase()}: only resolved requests get a return visit`, [{ field: 'status', problem: `request is ${row.status}, not resolved` }]);
      if (row.resolvedAt && visitedAt.at < row.resolvedAt) throw DomainException.badRequest('visitedAt is before the resolution', [{ field: 'visitedAt', problem: `must not be before ${row.resolvedAt.toISOString()}` }]);
      const comment = dto.comment?.trim() || null;
      const visitId = await this.repo.insertReturnVisit(manager, { requestId: id, rating: dto.rating, satisfied: dto.satisfied, comment, visitedAt: visitedAt.at, visitedBy: actor.username });
      await this.repo.insertEvent(manager, { requestId: id, action: ServiceEventAction.ReturnVisit, reason: comment, by: actor.username, details: { rating: dto.rating, satisfied: dto.satisfied, visitId } });
      await this.audit.record(manager, actor, { action: 'create', entityType: SERVICE_RETURN_VISIT_ENTITY, entityId: visitId, newValues: { requestId: id, rating: dto.rating, satisfied: dto.satisfied } });
      await this.lifecycle.apply(manager, row, dto.satisfied ? S.Closed : S.InProgress, dto.satisfied ? 'return visit: customer satisfied' : 'return visit: customer not satisfied, reopened', actor, 'return_visit', { returnVisitId: visitId, rating: dto.rating });
      // Last step, so any failure above leaves nothing behind. recordSurvey runs its own transaction
      // (ScoringService has no variant taking our EntityManager): if it fails, ours rolls back; only a
      // failure of our COMMIT itself could leave the survey without its visit.
      // A request without an identified customer (e.g. a network fault) has nobody to score: no survey.
      if (!row.customerId) return { visitId, satisfaction: null };
      const survey = await this.scoring.recordSurvey(await this.surveyFor(row.customerId, dto.rating, dto.visitedAt), actor);
      await this.repo.setReturnVisitSurvey(manager, visitId, survey.survey.id);
      return { visitId, satisfaction: survey.satisfaction ? { score: Number(survey.satisfaction.score), band: survey.satisfaction.band, period: survey.satisfaction.period } : null };
    });
    const request = await this.requests.findById(id);
    const visit = request.returnVisits!.find((v) => v.id === result.visitId)!;
    return { visit, request, satisfaction: result.satisfaction };
  }

  async list(id: string): Promise<ReturnVisitDto[]> {
    if (!(await this.repo.byId(id))) throw DomainException.notFound('Service request', id);
    return (await this.repo.returnVisits(id)).map(toReturnVisitDto);
  }

  /**
   * The survey a visit amounts to: attitude, service quality and timeliness from the rating; the six
   * factors a visit does not ask about are carried from the customer's latest survey (the rating
   * when the customer has none), so a visit does not move them.
   */
  private async surveyFor(customerId: string, rating: number, visitedAt: string): Promise<SurveyInput> {
    const score = ratingToScore(rating);
    const latest = await this.repo.latestSurveyFactors(customerId);
    const factors = Object.fromEntries([
      ...RETURN_VISIT_FACTORS.map((f) => [f, score]),
      ...OTHER_FACTORS.map((f) => [f, latest?.[f] ?? score]),
    ]);
    return { customerId, surveyedAt: visitedAt, channel: 'return_visit', ...factors } as SurveyInput;
  }
}
