/** DI tokens of what the service kit provides. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const EVENT_STORE = Symbol('EVENT_STORE');
