import { ValueTransformer } from 'typeorm';

/** numeric(5,2) comes back from pg as a string; scores are numbers in code. */
export const scoreTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? v : Number(v)),
};
