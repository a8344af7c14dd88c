import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** class-validator's errors as one problem list per field, nested fields by their dotted path. */
export const fieldProblemsOf = (errors: ValidationError[], prefix = ''): FieldProblem[] =>
  errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...fieldProblemsOf(e.children ?? [], `${field}.`)];
  });

/**
 * A copy without the fields set to null, in nested objects too (array elements stay as they are, for
 * their own checks to refuse). Bodies reach here no deeper than MAX_BODY_DEPTH (body-limits.ts).
 */
export function withoutNullFields(value: unknown): unknown {
  if (Array.isArray(value))
    return (value as unknown[]).map((item) => (item === null ? item : withoutNullFields(item)));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, withoutNullFields(field)]),
  );
}

/**
 * class-validator at the edge: unknown fields refused, every bad field named in `details`. A field
 * sent as null counts as not sent: an optional one is absent (class-validator's @IsOptional would
 * otherwise let null through to code that expects a value or nothing), a required one is missing.
 */
class EdgeValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(metadata.type === 'body' ? withoutNullFields(value) : value, metadata);
  }
}

export const validationPipe = (): ValidationPipe =>
  new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = fieldProblemsOf(errors);
      return new BadRequestException({
        code: 'REQUEST.INVALID',
        message: `invalid fields: ${details.map((d) => d.field).join(', ')}`,
        details,
      });
    },
  });
