import { Fact, FactSlice, InboxBatch, OutboxBatch, SecurityEvent } from './entities';

export const FederationEntities = [Fact, FactSlice, InboxBatch, OutboxBatch, SecurityEvent];
