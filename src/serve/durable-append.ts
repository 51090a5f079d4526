import { open } from 'node:fs/promises';

/**
 * Append text to a file and wait until it is on disk (fdatasync). For the files that are a
 * message's only record once its request was answered 200: the quarantine (blocked messages)
 * and the forwarder's dead letters (messages the upstream refused, taken out of the queue).
 */
export async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'a');
  try {
    await handle.appendFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
