import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/** class-validator at the edge: unknown fields refused, every bad field named in `details`. */
export const validationPipe = (): ValidationPipe =>
  new ValidationPipe({
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
