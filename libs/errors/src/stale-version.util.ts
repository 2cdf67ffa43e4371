import { DomainException } from './domain.exception';

/** 409 for an optimistic-lock miss: the record's `version` is not the one the caller read. */
export const staleVersion = (what: string, current: number, given: number): DomainException =>
  DomainException.conflict(`The ${what} was changed meanwhile (version ${current}, not ${given}); read it again`, [{ field: 'version', problem: `current version is ${current}` }]);
