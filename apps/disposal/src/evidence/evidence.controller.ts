import { Caller, Roles, type Principal } from '@cityloop/service-kit';
import { DomainError } from '@cityloop/domain';
import {
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EvidenceStore, MAX_EVIDENCE_BYTES, type Evidence } from './evidence-store';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceStore) {}

  @Post()
  @Roles('department', 'patroller', 'importer')
  @ApiOperation({
    summary: 'Upload an evidence photo (JPEG, PNG or WebP, at most 10 MB); answers its evidenceId',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { photo: { type: 'string', format: 'binary' } },
      required: ['photo'],
    },
  })
  // Without a destination, multer keeps the upload in memory: it is hashed before anything is written.
  @UseInterceptors(
    FileInterceptor('photo', {
      limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 },
    }),
  )
  async upload(
    @Caller() caller: Principal,
    @UploadedFile() photo: { buffer: Buffer } | undefined,
  ): Promise<Evidence> {
    if (!photo) {
      throw new DomainError('REQUEST.INVALID', 'a multipart field "photo" with the image is required', 400, [
        { field: 'photo', problems: ['required'] },
      ]);
    }
    return this.evidence.save(photo.buffer, caller);
  }

  @Get(':evidenceId')
  @Roles('department', 'patroller', 'command', 'chief', 'dispatcher', 'evaluator', 'importer')
  @ApiOperation({ summary: 'An evidence photo (a department: one it uploaded or its orders cite)' })
  async download(
    @Caller() caller: Principal,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @Res() response: Response,
  ): Promise<void> {
    // A department asking for a photo not its own is told it does not exist.
    const found = await this.evidence.read(evidenceId, caller);
    if (!found) throw new DomainError('EVIDENCE.NOT_FOUND', `no evidence ${evidenceId}`, 404);
    response.setHeader('Content-Type', found.contentType);
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.send(found.content);
  }
}
