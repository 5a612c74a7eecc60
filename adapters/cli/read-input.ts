/** Reads one paste from a file or stdin without ever holding more than the intake cap (plus one byte). */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';

export interface ReadResult {
  data: Buffer;
  /** The full size when known (files), or a lower bound (stdin cut at the cap). */
  totalBytes: number;
}

export async function readPaste(source: string, stdin: Readable, maxBytes: number): Promise<ReadResult> {
  if (source === '-') return readStream(stdin, maxBytes);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(source, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AuthdoctorError(
      ErrorCodes.INPUT_UNREADABLE,
      code === 'ENOENT' ? `No such file: ${source}` : `Cannot read ${source} (${code ?? 'error'})`,
      { hint: 'Give the path of a text file with the paste, or - to read standard input.', cause: err },
    );
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes + 1);
    const data = Buffer.alloc(length);
    const { bytesRead } = await handle.read(data, 0, length, 0);
    return { data: data.subarray(0, bytesRead), totalBytes: size };
  } finally {
    await handle.close();
  }
}

async function readStream(stream: Readable, maxBytes: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (kept <= maxBytes) {
      const take = buf.subarray(0, maxBytes + 1 - kept);
      chunks.push(take);
      kept += take.length;
    }
  }
  return { data: Buffer.concat(chunks), totalBytes: total };
}
