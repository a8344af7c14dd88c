import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

const flatten = (errors: ValidationError[], prefix = ''): FieldProblem[] =>
  errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], `${field}.`)];
  });

/** class-validator at the edge: unknown fields refused, every bad field named in `details`. */
export const validationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({
        code: 'REQUEST.INVALID',
        message: `invalid fields: ${details.map((d) => d.field).join(', ')}`,
        details,
      });
    },
  });
