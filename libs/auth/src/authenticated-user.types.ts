import { Permission, Role } from './permission.constants';

export interface AuthenticatedUser {
  id: string;
  username: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
}

export interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
}
