/** zod validation of params, query and body: a failure is a 400 `validation_failed` with one detail per issue. */
import type { z } from 'zod';
import { validationError } from './errors';

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const res = schema.safeParse(value);
  if (!res.success) throw validationError(where, res.error);
  return res.data;
}
