import { Directive, DirectiveReceipt } from './entities';

export const DirectiveEntities = [Directive, DirectiveReceipt];
