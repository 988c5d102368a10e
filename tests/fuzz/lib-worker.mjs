/**
 * Worker thread for the fuzzer's library mode: validates one scenario file per message through the
 * built library (what `liqsim validate` calls) and answers with the text the CLI would print.
 */
import { parentPort } from 'node:worker_threads';
import { validateScenarioFiles, formatIssue } from '../../dist/index.js';

parentPort.on('message', ({ file }) => {
  try {
    const [result] = validateScenarioFiles([file]);
    const text = result.issues.map((issue) => `error: ${formatIssue(issue)}\n`).join('');
    parentPort.postMessage({ ok: result.ok, text });
  } catch (error) {
    // Anything but a LiqsimError escaping the library is what the CLI reports as exit 3.
    parentPort.postMessage({ crash: `${error?.name}: ${error?.message}`.slice(0, 500), text: '' });
  }
});
