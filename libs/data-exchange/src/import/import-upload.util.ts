import type { MulterModuleOptions } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { diskStorage } from 'multer';
import { NodeConfig } from '@crm/config';
import { importFormatOf, unsupportedFile } from './import.service';

/**
 * Multer options of the upload route: the file is streamed to disk under the node's import
 * folder as `<import id>.<ext>` (never buffered in memory), one file, limited in size; a file
 * whose extension is not accepted is refused before anything is written.
 */
export function importUploadOptions(config: NodeConfig): MulterModuleOptions {
  const dir = config.imports.dir;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    storage: diskStorage({
      destination: (_req, _file, cb) => {
        mkdir(dir, { recursive: true, mode: 0o700 }).then(() => cb(null, dir), (err: Error) => cb(err, dir));
      },
      filename: (_req, file, cb) => cb(null, `${randomUUID()}.${importFormatOf(file.originalname)}`),
    }),
    fileFilter: (_req, file, cb) => (importFormatOf(file.originalname) ? cb(null, true) : cb(unsupportedFile(file.originalname), false)),
    limits: { fileSize: config.imports.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
    // file names as browsers send them (UTF-8), so 客戶.xlsx stays readable
    defParamCharset: 'utf8',
  };
}
