import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedUser } from './authenticated-user.types';
import { Permission } from './permission.constants';

/** Who is acting, carried from the controller into services (audit, masking, correlation). */
export interface RequestActor {
  userId: string;
  username: string;
  role: string;
  /** May see personal data (phone and ID numbers) unmasked. */
  personalData: boolean;
  permissions: ReadonlySet<Permission>;
  requestId: string;
}

export function actorOf(user: AuthenticatedUser, requestId: string): RequestActor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    personalData: user.permissions.has(Permission.CustomerPersonalData),
    permissions: user.permissions,
    requestId,
  };
}

/** The signed-in user as a RequestActor (the route must require a permission, so a user is present). */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestActor => {
  const req = ctx.switchToHttp().getRequest<{ user: AuthenticatedUser; id?: string }>();
  return actorOf(req.user, String(req.id ?? ''));
});

/** An actor for work no person started (scheduled jobs, imports run by the worker on behalf of a user keep that user). */
export const systemActor = (requestId: string): RequestActor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  role: 'system',
  personalData: false,
  permissions: new Set(),
  requestId,
});
