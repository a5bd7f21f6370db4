// A tour carried whole in its address, written as the server reads it (tours/address.py):
// events=a,b,c, title=… as typed, stopnotes= the notes joined by U+001E, deflated (raw DEFLATE) and
// in unpadded base64url. Pure: no DOM, nothing run at import time.

export const SEPARATOR = "\u001e";

// What the server keeps of a title: its words, one space between them.
export const cleanTitle = (title) => title.trim().split(/\s+/u).filter(Boolean).join(" ");

// What the server keeps of a note: its lines, without the spaces around it.
export const cleanNote = (note) => note.replace(/\r\n?/gu, "\n").trim();

function base64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/gu, "-").replace(/\//gu, "_").replace(/=+$/u, "");
}

// Whether this browser can write the notes (CompressionStream, in every browser since 2023).
export const canEncodeNotes = () => typeof CompressionStream === "function";

// stopnotes' value for these notes ("" when there are none).
export async function encodeNotes(notes) {
  const kept = notes.map(cleanNote);
  while (kept.length && !kept.at(-1)) kept.pop();
  if (!kept.length) return "";
  const stream = new Blob([kept.join(SEPARATOR)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return base64url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

// A value in a query string: commas as they are (events=a,b,c), spaces as "+", as the server writes them.
const encode = (value) => encodeURIComponent(value).replace(/%2C/gu, ",").replace(/%20/gu, "+");

// The tour's query string: with ``notes`` false, the audience's (without the notes: the QR codes').
export async function tourQuery({ slugs, title = "", notes = [] }, { withNotes = true } = {}) {
  const pairs = [["events", slugs.join(",")]];
  const cleaned = cleanTitle(title);
  if (cleaned) pairs.push(["title", cleaned]);
  const encoded = withNotes ? await encodeNotes(notes) : "";
  if (encoded) pairs.push(["stopnotes", encoded]);
  return pairs.map(([name, value]) => `${name}=${encode(value)}`).join("&");
}
