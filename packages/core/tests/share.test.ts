import { describe, expect, it } from 'vitest';
import { shareEqualValues } from '../src/project/share.js';

describe('shareEqualValues', () => {
  it('stores equal small values of one summary once and keeps the summary equal', () => {
    const summary = {
      calls: [
        { from: 0, args: [{ param: [0, 1] }, { members: {} }] },
        { from: 1, args: [{ param: [0, 1] }, { members: {} }] },
      ],
      names: ['handler', 'handler'],
    };
    const copy = structuredClone(summary);
    const shared = shareEqualValues(summary);
    expect(shared).toEqual(copy);
    const [first, second] = shared.calls;
    expect(first.args[0]).toBe(second.args[0]);
    expect(first.args[1]).toBe(second.args[1]);
  });

  it('keeps values longer than the limit apart, and shares their small parts', () => {
    const long = (): Record<string, unknown> => ({
      members: Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`member${String(index)}`, { fn: index }])),
    });
    const summary = { a: long(), b: long() };
    const shared = shareEqualValues(summary);
    expect(shared.a).not.toBe(shared.b);
    expect(shared.a).toEqual(shared.b);
    expect((shared.a.members as Record<string, unknown>).member3).toBe(
      (shared.b.members as Record<string, unknown>).member3,
    );
  });

  it('never shares values between two summaries, whose references mean different things', () => {
    const one = shareEqualValues({ value: { ref: 0 } });
    const two = shareEqualValues({ value: { ref: 0 } });
    expect(one.value).not.toBe(two.value);
  });
});
