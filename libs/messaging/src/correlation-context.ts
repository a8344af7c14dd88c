import { AsyncLocalStorage } from 'node:async_hooks';

/** The correlation id of the request or event being handled, for every log line under it. */
export const correlationContext = new AsyncLocalStorage<{ correlationId: string }>();

export const currentCorrelationId = (): string | undefined => correlationContext.getStore()?.correlationId;
