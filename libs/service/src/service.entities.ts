import { ServiceRequest, ServiceRequestAttachment, ServiceRequestEvent, ServiceRequestNotification, ServiceRequestReturnVisit } from './entities';

export const ServiceEntities = [ServiceRequest, ServiceRequestEvent, ServiceRequestAttachment, ServiceRequestNotification, ServiceRequestReturnVisit];
