/**
 * The paste modal `/authdoctor` opens when it is run without text: one multi-line input. Slack caps a
 * plain-text input at 3,000 characters, so the hint points longer pastes at a file or snippet.
 */
import type { ModalView } from '@slack/types';
import { type ModalMetadata, ModalMetadataSchema, type ViewSubmission } from './payloads.js';

export const PASTE_MODAL = 'authdoctor_paste';
const PASTE_BLOCK = 'paste';
const PASTE_INPUT = 'text';
const INPUT_MAX = 3000;

export function pasteModal(metadata: ModalMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: PASTE_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'authdoctor' },
    submit: { type: 'plain_text', text: 'Diagnose' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: PASTE_BLOCK,
        label: { type: 'plain_text', text: 'What failed with 401?' },
        element: {
          type: 'plain_text_input',
          action_id: PASTE_INPUT,
          multiline: true,
          max_length: INPUT_MAX,
          placeholder: {
            type: 'plain_text',
            text: 'Paste the curl command (or curl -v output, HTTP request, error log) and what came back',
          },
        },
        hint: {
          type: 'plain_text',
          text: 'Credentials are replaced by fingerprints before anything is shown or kept. Longer than 3,000 characters? Send it to me as a file or snippet in a direct message.',
        },
      },
    ],
  };
}

/** The pasted text of a submission ('' when absent). */
export function pastedText(submission: ViewSubmission): string {
  return submission.view.state.values[PASTE_BLOCK]?.[PASTE_INPUT]?.value ?? '';
}

/** Where the command was run, carried through the modal; undefined when it is not ours or was altered. */
export function modalMetadata(submission: ViewSubmission): ModalMetadata | undefined {
  try {
    const parsed = ModalMetadataSchema.safeParse(JSON.parse(submission.view.private_metadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const PASTE_BLOCK_ID = PASTE_BLOCK;
