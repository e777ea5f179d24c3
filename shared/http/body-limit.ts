import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../domain/errors.ts';

/** The most a JSON submission may weigh; a full offer with 2,000 characters of notes is ~3 KiB. */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * Reads a request body up to `maxBytes`, counting the bytes actually received (a missing or
 * lying Content-Length, chunked or streamed bodies all count the same) and stopping the read
 * as soon as the limit is passed. Throws PayloadTooLarge.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const tooLarge = (maxBytes: number) => new PayloadTooLarge(`The body must not exceed ${maxBytes} bytes.`);

/** A charset other than UTF-8 named in the Content-Type: the only declared type the API cannot read. */
const otherCharset = (contentType: string | null) => {
  const charset = (contentType ?? '')
    .toLowerCase()
    .split(';')
    .map((part) => part.trim())
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return charset !== undefined && charset !== 'utf-8';
};

/**
 * The parsed JSON body of a request, within the byte limit (413); it must be well-formed UTF-8
 * JSON (400). The body is read as JSON whatever type it declares (none, text/plain, or the form
 * type `curl -d` sends), as the API takes nothing else: a script that forgot the header gets its
 * record, and a body that is not JSON gets the documented 400. Only a declared charset other
 * than UTF-8 is refused (415), as its bytes would be misread.
 */
export async function readJsonBody(request: Request, maxBytes = JSON_BODY_LIMIT): Promise<unknown> {
  if (otherCharset(request.headers.get('content-type'))) {
    throw new UnsupportedMediaType('Send JSON in UTF-8 (Content-Type: application/json).');
  }
  const bytes = await readBodyLimited(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw new BadRequest('The body is not valid UTF-8.', { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequest('The body is not well-formed JSON (send application/json).', { cause: error });
  }
}
