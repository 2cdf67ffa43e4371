import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainException, ErrorCode } from '@crm/errors';
import { IS_PUBLIC, NODE_AUTHENTICATED, REQUIRED_PERMISSIONS } from './auth.constants';
import { AuthService } from './auth.service';
import { AuthenticatedUser } from './authenticated-user.types';
import { Permission } from './permission.constants';

/**
 * Global guard: deny by default. A route must be @Public, node-authenticated (federation
 * inbox, checked by its own guard), or declare @RequirePermissions that the caller's role holds.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(NODE_AUTHENTICATED, targets)) return true;

    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    if (!required?.length) {
      this.logger.error({ path: req.path }, 'Route declares no permission; denied');
      throw new DomainException(ErrorCode.Forbidden, 'This route declares no permission and is closed');
    }
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainException(ErrorCode.Unauthenticated, 'A bearer token is required (POST /api/v1/auth/login)');
    const user = await this.auth.authenticate(match[1]);
    const missing = required.filter((p) => !user.permissions.has(p));
    if (missing.length) throw new DomainException(ErrorCode.Forbidden, `Role ${user.role} lacks permission ${missing.join(', ')}`);
    req.user = user;
    return true;
  }
}
