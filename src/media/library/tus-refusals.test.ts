import { ERRORS } from '@tus/server';
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { tusRefusal } from './tus-refusals.ts';

const context = { uploadId: 'abc', maxBytes: 1000, requestId: 'req-1' };

describe('tus refusals in catalog form', () => {
  // Every refusal tus 1.0 defines keeps its protocol status: tus clients act on it.
  it.each(Object.entries(ERRORS).filter(([, e]) => e.status_code < 500))(
    '%s keeps its tus status %#',
    (_name, error) => {
      const { spec, unexpected } = tusRefusal(error, error.status_code, context);
      expect(unexpected).toBe(false);
      expect(httpStatusOf(spec.code)).toBe(error.status_code);
    },
  );

  it.each([
    ['INVALID_OFFSET', 641, undefined],
    ['FILE_NO_LONGER_EXISTS', 642, undefined],
    ['ERR_SIZE_EXCEEDED', 643, undefined],
    ['ERR_MAX_SIZE_EXCEEDED', 691, { limit: 1000 }],
    ['FILE_NOT_FOUND', 607, { what: 'Upload abc' }],
    ['MISSING_OFFSET', 639, { header: 'Upload-Offset' }],
    ['UNSUPPORTED_CONCATENATION_EXTENSION', 644, { extension: 'concatenation' }],
  ] as const)('%s is %i', (name, code, params) => {
    const error = ERRORS[name];
    expect(tusRefusal(error, error.status_code, context).spec).toEqual({
      code,
      ...(params ? { params } : {}),
    });
  });

  it.each([
    [412, 637],
    [400, 638],
    [404, 607],
  ])('a refusal tus writes itself, status %i, is %i', (status, code) => {
    const { spec } = tusRefusal(undefined, status, context);
    expect(spec.code).toBe(code);
    expect(httpStatusOf(code)).toBe(status);
  });

  it('a HeraldError from Herald’s own hook is answered as it is', () => {
    const error = new HeraldError({ code: 690 });
    expect(tusRefusal(error, 500, context)).toEqual({ spec: error.spec, unexpected: false });
  });

  it('anything else is unexpected: 612 with the request id, the cause kept for the log', () => {
    const cause = new Error('disk full');
    for (const [error, status] of [
      [cause, 500],
      [ERRORS.FILE_WRITE_ERROR, 500],
      [undefined, 500],
      [undefined, 418],
    ] as const) {
      const refusal = tusRefusal(error, status, context);
      expect(refusal.spec).toEqual({ code: 612, params: { requestId: 'req-1' } });
      expect(refusal.unexpected).toBe(true);
      expect(refusal.cause).toBeDefined();
    }
  });
});
