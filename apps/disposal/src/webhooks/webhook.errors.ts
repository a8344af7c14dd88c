import { DomainError } from '@cityloop/domain';

/** Also what a department gets for another department's webhook: its existence is not its business. */
export class WebhookNotFoundError extends DomainError {
  constructor(webhookId: string) {
    super('WEBHOOK.NOT_FOUND', `no webhook ${webhookId} of your department`, 404);
  }
}

/** Webhooks belong to a department: the caller's token must name one. */
export class DepartmentOnlyError extends DomainError {
  constructor() {
    super('WEBHOOK.DEPARTMENT_ONLY', "webhooks are a department's: use a department token", 403);
  }
}

export class WebhookAlreadyRegisteredError extends DomainError {
  constructor(webhookId: string) {
    super('WEBHOOK.ALREADY_REGISTERED', `this URL is registered already as webhook ${webhookId}`, 409, {
      webhookId,
    });
  }
}

export class WebhookLimitError extends DomainError {
  constructor(limit: number) {
    super(
      'WEBHOOK.LIMIT_REACHED',
      `a department may register at most ${limit} webhooks; delete one first`,
      409,
      { limit },
    );
  }
}
