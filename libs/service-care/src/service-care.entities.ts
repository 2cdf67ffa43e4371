import { CareTask, CareTaskEvent, ServiceOutage, ServiceOutageCustomer, ServicePlan, ServicePlanEvaluation, ServicePlanStageResult, ServicePlanTransition } from './entities';

export const ServiceCareEntities = [ServiceOutage, ServiceOutageCustomer, CareTask, CareTaskEvent, ServicePlan, ServicePlanTransition, ServicePlanStageResult, ServicePlanEvaluation];
