import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router.js';

describe('routes', () => {
  it('round-trips every path builder', () => {
    expect(parseRoute(paths.hallway())).toEqual({ name: 'hallway' });
    expect(parseRoute(paths.inbox('requests'))).toEqual({ name: 'inbox', tab: 'requests' });
    expect(parseRoute(paths.conversation('a b/c'))).toEqual({ name: 'conversation', id: 'a b/c' });
    expect(parseRoute(paths.groupSettings('x'))).toEqual({ name: 'groupSettings', id: 'x' });
    expect(parseRoute(paths.draft('bea_b'))).toEqual({ name: 'draft', username: 'bea_b' });
    expect(parseRoute(paths.profile('ada'))).toEqual({ name: 'profile', username: 'ada' });
    expect(parseRoute(paths.privacy())).toEqual({ name: 'privacy' });
    expect(parseRoute(paths.moderation())).toEqual({ name: 'moderation' });
    expect(parseRoute(paths.moderationReport('r 1'))).toEqual({ name: 'moderationReport', id: 'r 1' });
    expect(parseRoute('/nope/x')).toEqual({ name: 'notFound' });
  });
});
