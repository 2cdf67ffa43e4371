import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '@crm/errors';
import { IS_PUBLIC, REQUIRED_PERMISSIONS } from './auth.constants';
import { AuthenticatedUser } from './authenticated-user.types';
import { Permission } from './permission.constants';

/** Route open without a token (health, docs, login only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The permissions a route needs; a route without this (or @Public) is denied to everyone. */
export const RequirePermissions = (...permissions: Permission[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, permissions),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or invalid bearer token' }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: `Requires ${permissions.join(', ')}` }),
  );

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
});
