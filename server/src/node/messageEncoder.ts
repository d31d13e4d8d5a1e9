// JSON-RPC messages for a stream transport (stdio, pipes, sockets), encoded as JSON.stringify would, except that a
// frozen object inside a message is encoded once and its text reused. The server freezes what it keeps from version
// to version (a finding's diagnostic, a week's symbols and tree answer), so publishing a 1 MB list's diagnostics
// after an edit encodes the few that changed, and asking again for the same symbols encodes nothing.
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const encoded = new WeakMap<object, string>();

/** Containers are walked this deep (message → params → diagnostics → diagnostic); below it, JSON.stringify. */
const WALKED_DEPTH = 4;

/** The message's JSON: the same text as JSON.stringify(message). */
export function encodeMessage(message: Message): string {
  return json(message, 0) ?? 'null';
}

function json(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Object.isFrozen(value)) {
    let text = encoded.get(value);
    if (text === undefined) encoded.set(value, (text = JSON.stringify(value)));
    return text;
  }
  if (depth >= WALKED_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + (json(value[i], depth + 1) ?? 'null');
    return text + ']';
  }
  let text = '{';
  for (const key of Object.keys(value)) {
    const member = json((value as Record<string, unknown>)[key], depth + 1);
    // JSON.stringify leaves out members that are undefined, functions or symbols.
    if (member !== undefined) text += (text.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + member;
  }
  return text + '}';
}

/** vscode-jsonrpc's own JSON encoder, with encodeMessage. */
export const memoizingJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message, options) {
    try {
      return Promise.resolve(Buffer.from(encodeMessage(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
