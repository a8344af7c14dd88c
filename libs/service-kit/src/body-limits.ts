import type { NextFunction, Request, Response } from 'express';
import { answerBeforeRoute, type ProtocolMount } from './http-error.filter';

/** How deep a request body's objects and arrays may nest: no Cityloop request needs more than 4. */
export const MAX_BODY_DEPTH = 16;

export interface BodyProblem {
  /** The top-level field it is under ('(body)' for the body itself). */
  field: string;
  code: 'REQUEST.TOO_DEEP' | 'REQUEST.UNSTORABLE_TEXT';
  problem: string;
}

/** Text Postgres cannot store (jsonb refuses U+0000) or that is not Unicode (a lone surrogate). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * What no field of any request may be, whatever its schema: nested deeper than MAX_BODY_DEPTH
 * (validation recurses and would overflow the stack), or text with a NUL or a lone surrogate
 * (the event store's jsonb refuses it). Walked with a stack of its own, never recursion: a
 * body of half a million brackets fits in 1 MB.
 */
export function bodyProblem(body: unknown, maxDepth = MAX_BODY_DEPTH): BodyProblem | null {
  const pending: [unknown, string, number][] = [[body, '', 0]];
  while (pending.length > 0) {
    const [value, field, depth] = pending.pop()!;
    if (typeof value === 'string' && unstorable(value)) {
      return {
        field: field || '(body)',
        code: 'REQUEST.UNSTORABLE_TEXT',
        problem: 'text with a NUL character or a lone surrogate',
      };
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth)
      return { field, code: 'REQUEST.TOO_DEEP', problem: `nested more than ${maxDepth} levels deep` };
    for (const [key, child] of Object.entries(value)) {
      if (unstorable(key))
        return {
          field: field || '(body)',
          code: 'REQUEST.UNSTORABLE_TEXT',
          problem: 'a field name that is not text',
        };
      pending.push([child, field || key, depth + 1]);
    }
  }
  return null;
}

/**
 * Express middleware after the body parsers: a body with a problem above is refused with 400 and
 * its code, naming the field, before validation ever sees it (in a mounted protocol's own format
 * under its prefix).
 */
export function refuseUnfitBodies(protocols: ProtocolMount[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const found = bodyProblem(req.body);
    if (!found) return next();
    answerBeforeRoute(protocols, req, res, 400, {
      code: found.code,
      message: `${found.field}: ${found.problem}`,
      details: [{ field: found.field, problems: [found.problem] }],
    });
  };
}
