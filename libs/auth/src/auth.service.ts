import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { TOKEN_AUDIENCE } from './auth.constants';
import { AuthenticatedUser, TokenClaims } from './authenticated-user.types';
import { TokenResponseDto } from './dto/token-response.dto';
import { hashPassword, verifyPassword } from './password.util';
import { Permission, ROLE_PERMISSIONS } from './permission.constants';
import { UserRepository } from './user.repository';

@Injectable()
export class AuthService {
  /** Verified against when the user does not exist, so timing does not reveal valid usernames. */
  private readonly decoyHash = hashPassword('not-a-real-password');

  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async login(username: string, password: string): Promise<TokenResponseDto> {
    const user = await this.users.findActiveByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !ok) throw new DomainException(ErrorCode.InvalidCredentials, 'Invalid username or password');
    const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      user: { id: user.id, username: user.username, role: user.role, permissions: [...ROLE_PERMISSIONS[user.role]], node: this.config.node.code },
    };
  }

  /** Resolves a bearer token to the (still active) user it was issued to. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { issuer: this.config.node.code, audience: TOKEN_AUDIENCE });
    } catch {
      throw new DomainException(ErrorCode.Unauthenticated, 'Bearer token is invalid or expired');
    }
    const user = await this.users.findActiveById(claims.sub);
    if (!user) throw new DomainException(ErrorCode.Unauthenticated, 'User no longer exists or is disabled');
    return { id: user.id, username: user.username, role: user.role, permissions: new Set<Permission>(ROLE_PERMISSIONS[user.role] ?? []) };
  }
}
