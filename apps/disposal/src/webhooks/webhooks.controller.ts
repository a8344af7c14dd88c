import { Caller, Roles, type Principal } from '@cityloop/service-kit';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeliveryLog, type DeliveryView } from './delivery-log';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';
import { WebhookRegistry, type WebhookView } from './webhook-registry';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings';
import { requireEndpointUrl } from './webhook-url';
import { DeliveryLogRequest, RegisterWebhookRequest } from './webhook.requests';
import { DepartmentOnlyError } from './webhook.errors';

/**
 * A department's webhooks (docs/WEBHOOKS.md): its own system is told of its orders by a signed
 * POST, and answers through the normal API with a department token. Each department sees and
 * deletes its own only; another's id is 404.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('department')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly registry: WebhookRegistry,
    private readonly log: DeliveryLog,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register an endpoint; the answer shows its signing secret, this once and never again',
  })
  async register(
    @Caller() caller: Principal,
    @Body() body: RegisterWebhookRequest,
  ): Promise<WebhookView & { secret: string }> {
    const departmentId = departmentOf(caller);
    const url = requireEndpointUrl(body.url, this.settings.production);
    return this.registry.register(
      departmentId,
      { url, events: body.events ?? [...WEBHOOK_EVENT_TYPES], description: body.description ?? null },
      caller.id,
    );
  }

  @Get()
  @ApiOperation({ summary: "The department's webhooks (without their secrets)" })
  async list(@Caller() caller: Principal): Promise<{ items: WebhookView[] }> {
    return { items: await this.registry.list(departmentOf(caller)) };
  }

  @Get(':webhookId')
  @ApiOperation({ summary: 'One webhook (without its secret)' })
  get(
    @Caller() caller: Principal,
    @Param('webhookId', new ParseUUIDPipe()) webhookId: string,
  ): Promise<WebhookView> {
    return this.registry.require(departmentOf(caller), webhookId);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the webhook: nothing more is sent, and deliveries waiting are cancelled' })
  async remove(
    @Caller() caller: Principal,
    @Param('webhookId', new ParseUUIDPipe()) webhookId: string,
  ): Promise<void> {
    await this.registry.remove(departmentOf(caller), webhookId, caller.id);
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({
    summary:
      'The delivery log, newest first: each delivery with its payload, state, next attempt and every attempt (time, HTTP status, duration, error)',
  })
  async deliveries(
    @Caller() caller: Principal,
    @Param('webhookId', new ParseUUIDPipe()) webhookId: string,
    @Query() query: DeliveryLogRequest,
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    await this.registry.require(departmentOf(caller), webhookId);
    return this.log.page(webhookId, { limit: query.limit ?? 50, before: query.cursor, state: query.state });
  }
}

function departmentOf(caller: Principal): string {
  if (!caller.departmentId) throw new DepartmentOnlyError();
  return caller.departmentId;
}
