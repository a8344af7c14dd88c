import { ROLES, type Role } from '@cityloop/contracts';
import { DEVELOPMENT_JWT_SECRET, Tokens, type Principal } from '@cityloop/service-kit';

export class CliUsageError extends Error {}

/**
 * `token <role> [scope]`: a development bearer token. Department tokens name their department
 * (required); patroller tokens may name the cell code prefix they patrol. `token open311` gives an
 * Open311 api_key.
 */
export function issueToken(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const [role, scope] = args;
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new CliUsageError(`usage: token <role> [scope]; role one of ${ROLES.join(', ')}`);
  }
  if (role === 'department' && !scope)
    throw new CliUsageError('a department token needs its department id: token department <id>');
  if (role === 'patroller' && scope !== undefined && !/^\d{0,15}$/.test(scope)) {
    throw new CliUsageError('a patroller scope is a grid cell code prefix: digits only');
  }
  const principal: Principal = {
    id: `dev-${role}${scope ? `-${scope}` : ''}`,
    role: role as Role,
    ...(role === 'department' && { departmentId: scope }),
    ...(role === 'patroller' && { cellPrefix: scope ?? '' }),
  };
  return new Tokens(env.JWT_SECRET || DEVELOPMENT_JWT_SECRET).sign(principal);
}
