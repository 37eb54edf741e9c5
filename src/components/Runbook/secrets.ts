/** Generated secrets shown as a command that generates them: one implementation for page and terminal, in src/contract. */
export {GENERATE, pasteable, REDACTED, type Pasteable} from '../../contract/commands';
