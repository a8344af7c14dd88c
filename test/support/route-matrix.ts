import type { Role, ServiceName } from '@cityloop/contracts';

/**
 * Who may call what: every route of the five services with the roles allowed on it (admin may call
 * any), written out by hand from ../shared/domain/API.md so that a changed decorator shows up as a
 * failing row rather than a silent change of who may do what. `public`: no token needed.
 * Path parameters are written as OpenAPI writes them ({caseId}); the test fills them in.
 */
export interface RouteRule {
  service: ServiceName;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  allowed: readonly Role[] | 'public';
}

const COMMAND_DESKS: Role[] = ['command', 'evaluator', 'chief', 'dispatcher'];
const EVERY_PERSON: Role[] = [
  'operator',
  'patroller',
  'chief',
  'dispatcher',
  'department',
  'command',
  'evaluator',
  'importer',
];

const rule = (
  service: ServiceName,
  method: RouteRule['method'],
  path: string,
  allowed: RouteRule['allowed'],
): RouteRule => ({ service, method, path, allowed });

export const ROUTE_MATRIX: RouteRule[] = [
  ...(['intake', 'dispatch', 'disposal', 'verification', 'projections'] as const).flatMap((s) => [
    rule(s, 'GET', '/health', 'public'),
    rule(s, 'GET', '/metrics', 'public'),
  ]),

  rule('intake', 'POST', '/api/v1/reports', ['operator', 'patroller', 'importer']),
  rule('intake', 'GET', '/api/v1/reports/duplicates', ['operator', 'patroller', 'chief']),
  rule('intake', 'POST', '/api/v1/cases/{caseId}/filing', ['chief', 'importer']),
  rule('intake', 'GET', '/api/v1/filing-queue', ['chief']),
  rule('intake', 'GET', '/api/v1/follow-ups', ['operator']),
  rule('intake', 'POST', '/api/v1/follow-ups/{caseId}', ['operator', 'importer']),
  rule('intake', 'POST', '/api/v1/patrols', ['patroller', 'importer']),
  rule('intake', 'GET', '/api/v1/reference/categories', EVERY_PERSON),
  // Open311 asks for no bearer token: its reads are public and a new request carries an api_key.
  rule('intake', 'GET', '/open311/v2/discovery.{format}', 'public'),
  rule('intake', 'GET', '/open311/v2/services.{format}', 'public'),
  rule('intake', 'GET', '/open311/v2/services/{code}.{format}', 'public'),
  rule('intake', 'POST', '/open311/v2/requests.{format}', 'public'),
  rule('intake', 'GET', '/open311/v2/requests.{format}', 'public'),
  rule('intake', 'GET', '/open311/v2/requests/{id}.{format}', 'public'),
  rule('intake', 'GET', '/open311/v2/tokens/{token}.{format}', 'public'),

  rule('dispatch', 'POST', '/api/v1/cases/{caseId}/dispatch', ['dispatcher', 'importer']),
  rule('dispatch', 'GET', '/api/v1/returns', ['dispatcher']),
  rule('dispatch', 'GET', '/api/v1/extensions', ['dispatcher']),
  rule('dispatch', 'POST', '/api/v1/returns/{orderId}/decision', ['dispatcher', 'importer']),
  rule('dispatch', 'POST', '/api/v1/extensions/{requestId}/decision', ['dispatcher', 'importer']),
  rule('dispatch', 'POST', '/api/v1/cases/{caseId}/postponement', ['dispatcher', 'importer']),
  rule('dispatch', 'POST', '/api/v1/cases/{caseId}/resumption', ['dispatcher', 'importer']),

  rule('disposal', 'GET', '/api/v1/orders', ['department', 'importer']),
  rule('disposal', 'POST', '/api/v1/orders/{orderId}/sign', ['department', 'importer']),
  rule('disposal', 'POST', '/api/v1/orders/{orderId}/return', ['department', 'importer']),
  rule('disposal', 'POST', '/api/v1/orders/{orderId}/extension-requests', ['department', 'importer']),
  rule('disposal', 'POST', '/api/v1/orders/{orderId}/disposal', ['department', 'importer']),
  rule('disposal', 'POST', '/api/v1/evidence', ['department', 'patroller', 'importer']),
  rule('disposal', 'GET', '/api/v1/evidence/{evidenceId}', [
    'department',
    'patroller',
    'command',
    'chief',
    'dispatcher',
    'evaluator',
    'importer',
  ]),
  rule('disposal', 'POST', '/api/v1/webhooks', ['department']),
  rule('disposal', 'GET', '/api/v1/webhooks', ['department']),
  rule('disposal', 'GET', '/api/v1/webhooks/{webhookId}', ['department']),
  rule('disposal', 'DELETE', '/api/v1/webhooks/{webhookId}', ['department']),
  rule('disposal', 'GET', '/api/v1/webhooks/{webhookId}/deliveries', ['department']),

  rule('verification', 'GET', '/api/v1/verifications', ['patroller', 'importer']),
  rule('verification', 'GET', '/api/v1/verifications/sign-offs', ['chief']),
  rule('verification', 'POST', '/api/v1/verifications/{verificationId}/sign-off', ['chief', 'importer']),
  rule('verification', 'POST', '/api/v1/verifications/{verificationId}/result', ['patroller', 'importer']),

  rule('projections', 'GET', '/api/v1/cases', COMMAND_DESKS),
  rule('projections', 'GET', '/api/v1/cases/{caseId}', COMMAND_DESKS),
  rule('projections', 'GET', '/api/v1/overview', COMMAND_DESKS),
  rule('projections', 'GET', '/api/v1/board', COMMAND_DESKS),
  rule('projections', 'GET', '/api/v1/metrics/cells', COMMAND_DESKS),
  rule('projections', 'GET', '/api/v1/metrics/trend', COMMAND_DESKS),
  rule('projections', 'GET', '/api/v1/metrics/streets', ['command', 'evaluator']),
  rule('projections', 'GET', '/api/v1/metrics/departments', ['command', 'evaluator']),
  rule('projections', 'GET', '/api/v1/metrics/cases', ['command', 'evaluator']),
  rule('projections', 'GET', '/api/v1/metrics/rebounds', ['command', 'evaluator']),
  rule('projections', 'GET', '/api/v1/metrics/spots', ['command', 'evaluator']),
  rule('projections', 'GET', '/api/v1/evaluation/{quarter}', ['command', 'evaluator']),
  rule('projections', 'POST', '/api/v1/evaluation/{quarter}/imports', ['evaluator']),
  rule('projections', 'POST', '/api/v1/evaluation/{quarter}/publish', ['evaluator']),
  rule('projections', 'GET', '/api/v1/live', ['command', 'department']),
  rule('projections', 'GET', '/api/v1/reference/map', 'public'),
  rule('projections', 'GET', '/api/v1/reference/district', 'public'),
  rule('projections', 'GET', '/api/v1/dev/tokens', 'public'),
];

/** Whether `role` may call the route by the matrix. */
export const mayCall = (route: RouteRule, role: Role): boolean =>
  route.allowed === 'public' || role === 'admin' || route.allowed.includes(role);
