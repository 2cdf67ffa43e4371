import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { unlink } from 'node:fs/promises';
import { catchError, Observable } from 'rxjs';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';

/**
 * Wraps the upload: when anything after the upload refuses the request (validation of `kind`,
 * an empty file, …) the stored file is removed; multer's size error answers 413 naming the limit.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  constructor(@Inject(NODE_CONFIG) private readonly config: NodeConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<{ file?: { path?: string } }>();
    return next.handle().pipe(
      catchError(async (err: unknown) => {
        if (req.file?.path) await unlink(req.file.path).catch(() => undefined);
        if (err instanceof PayloadTooLargeException) {
          throw new DomainException(ErrorCode.PayloadTooLarge, `The file is larger than the import limit of ${this.config.imports.maxBytes} bytes`, [
            { field: 'file', problem: 'too large' },
          ]);
        }
        throw err;
      }),
    );
  }
}
