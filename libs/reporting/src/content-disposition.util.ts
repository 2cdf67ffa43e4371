/** RFC 5987 `ext-value` encoding: UTF-8, percent-encoded except attr-chars. */
const encodeRfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An ASCII stand-in for old clients: non-ASCII, quotes, backslashes and separators become `_`. */
export const asciiFilename = (s: string): string => s.replace(/[^\x20-\x7e]|["\\/;]/g, '_').replace(/_+/g, '_');

/**
 * `Content-Disposition` with both an ASCII `filename` and an RFC 5987/6266 `filename*` in UTF-8,
 * so Chinese file names survive: `attachment; filename="_-2026-11.xlsx"; filename*=UTF-8''%E5%AE%A2...`.
 */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const clean = filename.replace(/[\r\n]/g, ' ');
  return `${type}; filename="${asciiFilename(clean)}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}
