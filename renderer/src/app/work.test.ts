import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeFailure, plainInputProblem } from './work';

describe('describeFailure', () => {
  it('shows the host’s message, plainer for input problems', () => {
    expect(describeFailure(new ApiError({ code: 'locked', message: 'Another Field Coder has this project open.' }))).toBe(
      'Another Field Coder has this project open.',
    );
    expect(
      describeFailure(
        new ApiError({
          code: 'bad_request',
          message: 'Invalid input for project.create: name: Project names cannot contain / \\ : * ? " < > | or control characters.',
        }),
      ),
    ).toBe('Project names cannot contain / \\ : * ? " < > | or control characters.');
  });

  it('says nothing for a cancelled dialog and hides internals of renderer bugs', () => {
    expect(describeFailure(new ApiError({ code: 'cancelled', message: 'Cancelled.' }))).toBeNull();
    expect(describeFailure(new TypeError('x is undefined'))).not.toContain('undefined');
  });
});

describe('plainInputProblem', () => {
  it('keeps every issue, without call names and field paths', () => {
    expect(plainInputProblem('Invalid input for framework.importTemplate: json: Too small; other: Bad')).toBe('Too small; Bad');
    expect(plainInputProblem('A project needs a name.')).toBe('A project needs a name.');
  });
});
