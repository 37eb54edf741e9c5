/** What a planned command does (reads, changes, verifies): one implementation for page and terminal, in src/contract. */
export {commandEffect, EFFECT_LABEL, segments, type Effect} from '../../contract/commands';
