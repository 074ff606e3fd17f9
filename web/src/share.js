// Share links: the code, threshold and mode as JSON, deflate-raw compressed (CompressionStream) and base64url
// encoded into the URL fragment `#s=...`, so nothing is ever sent to a server. Decoding validates every field;
// the result is only ever put into the editor as text, never interpreted as HTML.

export const SHARE_PREFIX = "s=";
export const LONG_URL = 2000; // many chat tools and browsers' address bars start to truncate beyond this
export const MAX_CODE = 1 << 20; // refuse to inflate beyond 1 MiB of code (a crafted link cannot eat memory)

function toBase64Url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const chunks = [];
  let size = 0;
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_CODE * 2) {
      await reader.cancel();
      throw new Error("shared program too large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The fragment (without '#') for a program and its settings. */
export async function encodeShare({ code, threshold, mode }) {
  const json = JSON.stringify({ v: 1, code, threshold, mode });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return SHARE_PREFIX + toBase64Url(packed);
}

/** Parse a fragment made by encodeShare; returns {code, threshold, mode} with defaults for odd values. */
export async function decodeShare(fragment) {
  if (!fragment.startsWith(SHARE_PREFIX)) throw new Error("not a share link");
  const bytes = await pipe(fromBase64Url(fragment.slice(SHARE_PREFIX.length)), new DecompressionStream("deflate-raw"));
  const data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  if (data === null || typeof data !== "object" || typeof data.code !== "string") throw new Error("no code in link");
  if (data.code.length > MAX_CODE) throw new Error("shared program too large");
  const threshold = Number.isInteger(data.threshold) && data.threshold >= 1 ? data.threshold : 10;
  const mode = ["auto", "1", "2"].includes(data.mode) ? data.mode : "auto";
  return { code: data.code, threshold, mode };
}
