import { ValueTransformer } from 'typeorm';

/** numeric comes back from pg as a string; it is a number in code. */
export const numberTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? v : Number(v)),
};
