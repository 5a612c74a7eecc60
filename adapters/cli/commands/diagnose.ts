/** `authdoctor diagnose [FILE|-] [--json] [--now ISO]`: one paste, one diagnosis. */
import { loadConfig } from '../../../src/config.js';
import type { Clock } from '../../../src/diagnose/context.js';
import { createDiagnoser } from '../../../src/diagnose/service.js';
import type { CliIO } from '../io.js';
import { writeLines } from '../io.js';
import { readPaste } from '../read-input.js';
import { renderDiagnosis, styleFor } from '../render.js';

export async function diagnoseCommand(
  args: { source: string; json: boolean; clock?: Clock },
  io: CliIO,
): Promise<number> {
  const config = loadConfig(io.env);
  const diagnoser = createDiagnoser(config);
  const maxBytes = config.AUTHDOCTOR_MAX_INPUT_BYTES;
  const { data, totalBytes } = await readPaste(args.source, io.stdin, maxBytes);
  const diagnosis = await diagnoser.diagnose(data, {
    intake: { maxBytes, totalBytes },
    ...(args.clock ? { clock: args.clock } : {}),
  });
  if (args.json) io.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
  else writeLines(io.stdout, renderDiagnosis(diagnosis, styleFor(io.stdout, io.env), diagnoser.knowledge));
  return 0;
}
