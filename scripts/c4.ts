/**
 * `npm run c4:<validate|gen|png>`: the likec4 model in architecture-c4/.
 *   validate  syntax, references and layout of every view
 *   gen       React views for the site (the build does this too), needed before `tsc`;
 *             skipped when the model has not changed since the last generation
 *   png       every view as PNG for print, into out/architecture-png/ (git-ignored)
 */
import path from 'node:path';
import {generateReactViews, likec4, MODEL_DIR, validateModel} from '../src/plugins/likec4/cli';
import {linkChromium} from './c4/link-chromium';

const root = path.resolve(__dirname, '..');
const PNG_DIR = 'out/architecture-png';

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'validate': {
      const result = await validateModel(root);
      process.stdout.write(result.output);
      return result.code;
    }
    case 'gen': {
      const outcome = await generateReactViews(root);
      process.stdout.write(
        outcome === 'generated'
          ? 'Generated the React views of the architecture model.\n'
          : 'The React views are up to date with the architecture model.\n',
      );
      return 0;
    }
    case 'png': {
      const browsers = linkChromium(
        root,
        process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        path.join(root, '.cache/pw-browsers'),
      );
      const result = await likec4(['export', 'png', '--no-use-dot', '--seq', '--flat', '-o', PNG_DIR, MODEL_DIR], {
        cwd: root,
        env: {PLAYWRIGHT_BROWSERS_PATH: browsers},
      });
      process.stdout.write(result.output);
      if (result.code === 0) process.stdout.write(`PNG files are in ${PNG_DIR}/\n`);
      return result.code;
    }
    default:
      process.stderr.write('Usage: tsx scripts/c4.ts <validate|gen|png>\n');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
