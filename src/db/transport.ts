/**
 * How the report's tables travel to the browser: one Arrow IPC stream per table, gzip-compressed
 * (decompressed with the platform's DecompressionStream, so no host needs to compress anything).
 */

export interface TableRef {
  name: string;
  url: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Bytes of a gzip file, whether or not the host already undid the gzip (Content-Encoding). */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1] ? gunzip(bytes) : bytes;
}

export async function fetchTables(tables: TableRef[]): Promise<{ name: string; ipc: Uint8Array }[]> {
  return Promise.all(
    tables.map(async (t) => {
      const response = await fetch(t.url);
      if (!response.ok) throw new Error(`${t.url}: HTTP ${response.status}`);
      return { name: t.name, ipc: await gunzipIfNeeded(new Uint8Array(await response.arrayBuffer())) };
    }),
  );
}
