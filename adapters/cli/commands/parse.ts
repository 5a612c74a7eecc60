/** `authdoctor parse [FILE|-] [--json]`: what intake understood, redacted. */
import { loadConfig } from '../../../src/config.js';
import { intake } from '../../../src/intake/index.js';
import { summarizeEvidence } from '../../../src/intake/summary.js';
import { loadKnowledge } from '../../../src/providers/load.js';
import { packTextFormats } from '../../../src/providers/pack-formats.js';
import type { CliIO } from '../io.js';
import { writeLines } from '../io.js';
import { readPaste } from '../read-input.js';

export async function parseCommand(args: { source: string; json: boolean }, io: CliIO): Promise<number> {
  const config = loadConfig(io.env);
  const maxBytes = config.AUTHDOCTOR_MAX_INPUT_BYTES;
  const { data, totalBytes } = await readPaste(args.source, io.stdin, maxBytes);
  const textFormats = packTextFormats(loadKnowledge(config));
  const evidence = intake(data, { maxBytes, totalBytes, textFormats });
  if (args.json) io.stdout.write(`${JSON.stringify(evidence, null, 2)}\n`);
  else writeLines(io.stdout, summarizeEvidence(evidence));
  return 0;
}
