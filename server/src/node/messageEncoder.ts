// JSON-RPC messages for a stream transport (stdio, pipes, sockets), encoded as JSON.stringify would, except that a
// frozen object inside a message sent a second time is encoded once more and its UTF-8 bytes reused from then on. The server freezes what it keeps from
// version to version, with nothing inside it changed later (a finding's diagnostic, a row's symbol, a week's tree
// answer), so publishing a 1 MB list's diagnostics after an edit encodes the few that changed, and asking again for
// the same symbols encodes nothing.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { diagnosticJson } from '../features/diagnostics';

/** A frozen object met once (ENCODED_ONCE), or its bytes from the second time on. */
const encoded = new WeakMap<object, typeof ENCODED_ONCE | Buffer>();
const ENCODED_ONCE = 1;

/** Containers are walked this deep (message → params → diagnostics → diagnostic); below it, JSON.stringify. */
const WALKED_DEPTH = 4;

/** Where a request's answer is: message → result. */
const RESULT_DEPTH = 1;

/** Where a publish's diagnostics are: message → params → diagnostics → diagnostic. */
const DIAGNOSTIC_DEPTH = 3;

/** The message's JSON in UTF-8: the same bytes as Buffer.from(JSON.stringify(message)). */
export function encodeMessage(message: Message): Buffer {
  return encodedParts(message).bytes();
}

/** The message as the base protocol frames it: its `Content-Length` header, then encodeMessage's bytes, in one buffer. */
export function encodeFrame(message: Message): Buffer {
  return encodedParts(message).bytes(true);
}

function encodedParts(message: Message): Output {
  const out = new Output();
  const firstJson = (message as { method?: string }).method === 'textDocument/publishDiagnostics' ? diagnosticJson : undefined;
  if (!write(out, message, 0, firstJson)) out.text('null');
  return out;
}

/**
 * The message's parts: JSON text, and the kept bytes of frozen objects met before. They are written into one buffer at
 * the end, so neither the text nor the kept bytes are copied twice.
 */
class Output {
  private readonly parts: (string | Buffer)[] = [];
  private pending = '';

  text(text: string): void {
    this.pending += text;
  }

  /**
   * A frozen object: its JSON, and from the second time on its UTF-8 bytes, kept. Many are sent once (a moved week's
   * diagnostics, replaced at its next move), so the first time keeps only a mark: a kept string would outlive the
   * young-generation collections and be copied by each.
   */
  encodedOnce(value: object, firstJson: (value: never) => string = JSON.stringify): void {
    const known = encoded.get(value);
    if (known === undefined) {
      encoded.set(value, ENCODED_ONCE);
      this.pending += firstJson(value as never);
      return;
    }
    const bytes = known === ENCODED_ONCE ? Buffer.from(JSON.stringify(value), 'utf8') : known;
    if (bytes !== known) encoded.set(value, bytes);
    this.push(bytes);
  }

  /**
   * A frozen answer (a request's whole result): walked, so that the frozen objects inside it reuse their bytes, and from
   * the second time on its own bytes, kept. A version's symbols or tree answer is a new frozen container of mostly the
   * previous version's frozen parts: encoding it whole the first time was a JSON.stringify of 300-400 KB per version.
   */
  encodedWalked(value: object, walk: () => void): void {
    const known = encoded.get(value);
    if (known instanceof Buffer) {
      this.push(known);
      return;
    }
    this.endText();
    const from = this.parts.length;
    walk();
    if (known === undefined) {
      encoded.set(value, ENCODED_ONCE);
      return;
    }
    this.endText();
    const bytes = joined(this.parts.splice(from));
    encoded.set(value, bytes);
    this.parts.push(bytes);
  }

  /** Ends the pending text, then adds `bytes`. */
  private push(bytes: Buffer): void {
    this.endText();
    this.parts.push(bytes);
  }

  /** The pending text becomes a part. */
  private endText(): void {
    if (this.pending !== '') this.parts.push(this.pending);
    this.pending = '';
  }

  /** The message's bytes, after its `Content-Length` header when `framed`. */
  bytes(framed = false): Buffer {
    this.endText();
    return joined(this.parts, framed);
  }
}

/** The parts' UTF-8 bytes in one buffer, each copied once; after their `Content-Length` header when `framed`. */
function joined(parts: readonly (string | Buffer)[], framed = false): Buffer {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length;
  const header = framed ? `Content-Length: ${length}\r\n\r\n` : '';
  const out = Buffer.allocUnsafe(header.length + length);
  let at = out.write(header, 0, 'ascii');
  for (const part of parts) at += typeof part === 'string' ? out.write(part, at, 'utf8') : part.copy(out, at);
  return out;
}

/**
 * Writes the value's JSON; false for what JSON.stringify leaves out (undefined, functions, symbols). `diagnostic`:
 * the JSON of a publish's diagnostic met the first time (diagnosticJson).
 */
function write(out: Output, value: unknown, depth: number, diagnostic?: (value: never) => string): boolean {
  if (typeof value !== 'object' || value === null) {
    const text = JSON.stringify(value);
    if (text === undefined) return false;
    out.text(text);
    return true;
  }
  const hasToJson = typeof (value as { toJSON?: unknown }).toJSON === 'function';
  if (Object.isFrozen(value)) {
    if (depth === RESULT_DEPTH && !hasToJson) out.encodedWalked(value, () => writeContainer(out, value, depth, diagnostic));
    else out.encodedOnce(value, depth === DIAGNOSTIC_DEPTH ? diagnostic : undefined);
    return true;
  }
  if (depth >= WALKED_DEPTH || hasToJson) {
    out.text(JSON.stringify(value));
    return true;
  }
  writeContainer(out, value, depth, diagnostic);
  return true;
}

/** An array's or object's JSON, its members written by `write` one level deeper. */
function writeContainer(out: Output, value: object, depth: number, diagnostic?: (value: never) => string): void {
  if (Array.isArray(value)) {
    out.text('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.text(',');
      if (!write(out, value[i], depth + 1, diagnostic)) out.text('null');
    }
    out.text(']');
    return;
  }
  out.text('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    out.text(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    write(out, member, depth + 1, diagnostic);
  }
  out.text('}');
}

/**
 * Writes each message to the stream in one write, header and content together. vscode-jsonrpc's stream writer writes
 * the header, waits for that write's callback, then writes the content: two system calls per message, and a client
 * woken by the header that then waits for the rest (CPU profiles of fresh servers over the bench's edit streams put
 * 11-13% of their time in the two writes). Messages are encoded synchronously, so they are written in the order sent.
 */
export class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let frame: Buffer;
    try {
      frame = encodeFrame(message);
    } catch (error) {
      this.fireError(error, message, ++this.errorCount);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(frame, (error) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}
