import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The current request's id (see LoggingModule), to carry into jobs and calls to other tiers. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<{ id?: string }>();
  return String(req.id ?? '');
});
