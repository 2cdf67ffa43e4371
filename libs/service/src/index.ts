export * from './entities';
export * from './service.constants';
export * from './service.config';
export * from './service.entities';
export * from './service.module';
export * from './service-worker.module';
export * from './business-hours.util';
export * from './sla-policy.util';
export { checkTransition, nextStatuses, OPEN_STATUSES, FINAL_STATUSES, TransitionTrigger } from './service-request-lifecycle.util';
export { ServiceRequestService } from './service-request.service';
export type { ServiceRequestCriteria } from './service-request.repository';
export { ServiceSlaService } from './service-sla.service';
export { ServiceFactsProducer, ServiceMonthFactsProducer } from './service-facts.producer';
export {
  CreateServiceRequestDto, UpdateServiceRequestDto, ServiceRequestFilterDto, ListServiceRequestsDto, TransitionDto, HandoverDto, AssignDto,
  ServiceRequestDto, ServiceRequestPageDto, ServiceEventDto, ServiceRequestInput, AttachmentDto,
} from './dto/service-request.dto';
export { CreateAttachmentDto } from './dto/attachment.dto';
