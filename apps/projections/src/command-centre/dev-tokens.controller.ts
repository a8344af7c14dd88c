import { DomainError } from '@cityloop/domain';
import {
  DistrictReference,
  Public,
  SERVICE_CONFIG,
  Tokens,
  type Principal,
  type ServiceConfig,
} from '@cityloop/service-kit';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/**
 * The sign-in page's development picker: a token per role, only while the services run on the
 * public development secret (never with JWT_SECRET set, never in production).
 */
@ApiTags('development')
@Public()
@Controller('dev')
export class DevTokensController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly tokens: Tokens,
    private readonly district: DistrictReference,
  ) {}

  @Get('tokens')
  @ApiOperation({
    summary: 'Development only: a token per role for the sign-in picker (404 with a real secret)',
  })
  list() {
    if (!this.config.jwtSecretIsDevelopmentDefault || this.config.production)
      throw new DomainError('NOT_FOUND', 'no development tokens here', 404);
    const principals: (Principal & { label: string })[] = [
      { id: 'dev-command', role: 'command', label: '指挥中心 command centre' },
      { id: 'dev-evaluator', role: 'evaluator', label: '考评办 evaluator' },
      { id: 'dev-operator', role: 'operator', label: '12345 受理员 operator' },
      { id: 'dev-chief', role: 'chief', label: '值班长 duty chief' },
      { id: 'dev-dispatcher', role: 'dispatcher', label: '派遣员 dispatcher' },
      { id: 'dev-patroller', role: 'patroller', cellPrefix: '', label: '监督员 patroller' },
      ...this.district.pack.departments.map((d) => ({
        id: `dev-${d.id}`,
        role: 'department' as const,
        departmentId: d.id,
        label: `${d.name} ${d.nameEn}`,
      })),
    ];
    return {
      items: principals.map(({ label, ...principal }) => ({
        role: principal.role,
        ...(principal.departmentId && { scope: principal.departmentId }),
        label,
        token: this.tokens.sign(principal, 12 * 3600),
      })),
    };
  }
}
