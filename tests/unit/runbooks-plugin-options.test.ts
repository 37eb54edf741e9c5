import {describe, expect, it} from 'vitest';
import {validateOptions} from '../../src/plugins/runbooks';

const validate = (options: unknown) => validateOptions({options, validate: () => options} as never);

describe('runbooks plugin options (validateOptions)', () => {
  it('defaults the evidence folder to verification/', () => {
    expect(validate(undefined)).toEqual({evidenceDir: 'verification', id: 'default'});
    expect(validate({evidenceDir: '.cache/planted-evidence', id: 'default'})).toEqual({
      evidenceDir: '.cache/planted-evidence',
      id: 'default',
    });
  });

  it('refuses a wrong option, naming it, before the build starts', () => {
    expect(() => validate({evidenceDir: 42})).toThrow(/^runbooks plugin: option evidenceDir: /);
    expect(() => validate({evidenceDirectory: 'verification'})).toThrow(/^runbooks plugin: option .*evidenceDirectory/);
  });
});
