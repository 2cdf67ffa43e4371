export { Tmf621Module } from './tmf621.module';
export { TroubleTicketService } from './trouble-ticket.service';
export { TMF621_BASE_PATH, TROUBLE_TICKET_PATH } from './tmf621.constants';
export type { TroubleTicket } from './trouble-ticket.mapper';
