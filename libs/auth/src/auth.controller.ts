import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '@crm/errors';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { CurrentUser, Public, RequirePermissions } from './auth.decorators';
import { AuthService } from './auth.service';
import { AuthenticatedUser } from './authenticated-user.types';
import { LoginDto } from './dto/login.dto';
import { CurrentUserDto, TokenResponseDto } from './dto/token-response.dto';
import { Permission } from './permission.constants';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a bearer token valid on this node' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto.username, dto.password);
  }

  @Get('me')
  @RequirePermissions(Permission.ProfileRead)
  @ApiOperation({ summary: 'The signed-in user and their permissions' })
  @ApiOkResponse({ type: CurrentUserDto })
  me(@CurrentUser() user: AuthenticatedUser): CurrentUserDto {
    return { id: user.id, username: user.username, role: user.role, permissions: [...user.permissions], node: this.config.node.code };
  }
}
