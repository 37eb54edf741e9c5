/** `npm run lint:layers`: the layer rules (.dependency-cruiser.cjs); exit 1 naming each broken rule. */
import path from 'node:path';
import {layerViolations} from './layers';

layerViolations(path.resolve(__dirname, '../..')).then(
  (violations) => {
    for (const violation of violations) console.error(`${violation.rule}: ${violation.from} -> ${violation.to}`);
    console.log(`layers: ${violations.length} violations`);
    process.exitCode = violations.length ? 1 : 0;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
