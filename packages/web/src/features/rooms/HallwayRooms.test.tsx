// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HallwayRoom } from '@backchannel/protocol';
import { AppController } from '../../app/controller.js';
import { ME } from '../../test/fixtures.js';
import { memoryStorage, renderWithController } from '../../test/render.js';
import { Hallway } from '../hallway/Hallway.js';
import { BOB, HOST } from './fixtures.test-helpers.js';

afterEach(cleanup);

const card = (id: string, over: Partial<HallwayRoom> = {}): HallwayRoom => ({
  id,
  title: `Room ${id}`,
  visibility: 'open',
  createdAt: '2026-12-03T14:00:00.000Z',
  speakerCount: 2,
  listenerCount: 1,
  speakers: [HOST, BOB],
  followedCount: 0,
  ...over,
});

function hallway(pages: Array<{ rooms: HallwayRoom[]; next: string | null }>) {
  const controller = new AppController('http://backchannel.test', memoryStorage());
  const calls: Array<string | undefined> = [];
  vi.spyOn(controller.client.rooms, 'hallway').mockImplementation(async (q = {}) => {
    calls.push(q.pageToken);
    return pages.shift() ?? { rooms: [], next: null };
  });
  act(() => controller.store.dispatch({ type: 'session.started', me: ME }));
  return { ...renderWithController(<Hallway />, controller), calls };
}

describe('the hallway', () => {
  it('lists live rooms as cards with speakers, counts and people I follow, and pages on', async () => {
    const user = userEvent.setup();
    const { calls } = hallway([
      { rooms: [card('r1', { followedCount: 2, visibility: 'social' })], next: 't2' },
      { rooms: [card('r2', { speakerCount: 1, listenerCount: 8000, speakers: [HOST] })], next: null },
    ]);
    const first = await screen.findByRole('link', { name: /Room r1/ });
    expect(within(first).getByText('Hana Host, Bob Byte')).toBeTruthy();
    expect(within(first).getByText('2 people you follow are here')).toBeTruthy();
    expect(within(first).getByText('Social')).toBeTruthy();
    expect(first.getAttribute('href')).toBe('/rooms/r1');
    expect(screen.getByRole('link', { name: /Start a room/ }).getAttribute('href')).toBe('/rooms/new');
    await user.click(screen.getByRole('button', { name: 'More rooms' }));
    const second = await screen.findByRole('link', { name: /Room r2/ });
    expect(within(second).getByText(/1 speaker · 8,000 listeners/)).toBeTruthy();
    expect(calls).toEqual([undefined, 't2']);
    expect(screen.queryByRole('button', { name: 'More rooms' })).toBeNull();
  });

  it('keeps the empty state, with Start a room, when no room is live', async () => {
    hallway([{ rooms: [], next: null }]);
    expect(await screen.findByText('No live rooms you can join. Start one, or catch up with people in Backchannel.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'The hallway is quiet right now' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Start a room/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Backchannel' })).toBeTruthy();
  });
  it('applies live updates: counts and stage change in place, new rooms appear, ended rooms go', async () => {
    const { controller } = hallway([{ rooms: [card('r1', { followedCount: 2 })], next: null }]);
    await screen.findByRole('link', { name: /Room r1/ });
    const { followedCount: _f, ...live } = card('r1', { listenerCount: 50, speakers: [HOST] });
    const { followedCount: _g, ...fresh } = card('r3', { title: 'Brand new', speakerCount: 1, listenerCount: 0, speakers: [BOB] });
    act(() => controller.store.dispatch({ type: 'rooms.hallwayLive', rooms: [live, fresh], ended: [] }));
    const first = screen.getByRole('link', { name: /Room r1/ });
    expect(within(first).getByText(/2 speakers · 50 listeners/)).toBeTruthy();
    expect(within(first).getByText('2 people you follow are here')).toBeTruthy();
    expect(within(screen.getByRole('link', { name: /Brand new/ })).getByText('Bob Byte')).toBeTruthy();
    act(() => controller.store.dispatch({ type: 'rooms.hallwayLive', rooms: [], ended: ['r1'] }));
    expect(screen.queryByRole('link', { name: /Room r1/ })).toBeNull();
    expect(screen.getByRole('link', { name: /Brand new/ })).toBeTruthy();
  });
});
