import { Open311Error, quoted } from '../errors/open311-error';
import { isResponseFormat, type ResponseFormat } from './response-format';

/** The format a resource's extension asks for; any but json and xml names no resource here. */
export function formatParam(extension: string): ResponseFormat {
  if (isResponseFormat(extension)) return extension;
  throw new Open311Error(
    404,
    'OPEN311.FORMAT_UNKNOWN',
    `format ${quoted(extension)}: this server speaks json and xml`,
  );
}
