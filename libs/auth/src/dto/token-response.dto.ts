import { ApiProperty } from '@nestjs/swagger';
import { Permission, Role } from '../permission.constants';

export class CurrentUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty({ enum: Role })
  role: Role;

  @ApiProperty({ enum: Permission, isArray: true })
  permissions: Permission[];

  @ApiProperty({ example: '440100', description: 'Node the token is valid on' })
  node: string;
}

export class TokenResponseDto {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ type: 'integer', example: 28800 })
  expiresIn: number;

  @ApiProperty({ type: CurrentUserDto })
  user: CurrentUserDto;
}
