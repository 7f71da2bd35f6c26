// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserSummary } from '@backchannel/protocol';
import { PersonPickList, PickedChips, usePicked } from './PeoplePicker.js';

afterEach(cleanup);

const person = (id: string): UserSummary => ({ id, username: id, displayName: `Person ${id}` });
const RESULTS = ['me', 'a', 'b', 'c'].map(person);

function Picker({ max }: { max?: number }) {
  const { picked, toggle, full } = usePicked(max);
  return (
    <>
      <PickedChips people={picked} label="Picked" onRemove={toggle} />
      <PersonPickList results={RESULTS} picked={picked} myId="me" searching={false} full={full} onToggle={toggle} />
    </>
  );
}

describe('the people picker', () => {
  it('lists everyone but me, toggles with aria-pressed, and removes from the chips', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const list = within(screen.getByRole('list', { name: 'Search results' }));
    expect(list.queryByRole('button', { name: /Person me/ })).toBeNull();
    await user.click(list.getByRole('button', { name: /Person a/ }));
    expect(list.getByRole('button', { name: /Person a/ }).getAttribute('aria-pressed')).toBe('true');
    await user.click(within(screen.getByRole('list', { name: 'Picked' })).getByRole('button', { name: 'Remove Person a' }));
    expect(screen.queryByRole('list', { name: 'Picked' })).toBeNull();
    expect(list.getByRole('button', { name: /Person a/ }).getAttribute('aria-pressed')).toBe('false');
  });

  it('stops at the maximum: the others are disabled until one is removed', async () => {
    const user = userEvent.setup();
    render(<Picker max={2} />);
    const list = within(screen.getByRole('list', { name: 'Search results' }));
    await user.click(list.getByRole('button', { name: /Person a/ }));
    await user.click(list.getByRole('button', { name: /Person b/ }));
    expect((list.getByRole('button', { name: /Person c/ }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(list.getByRole('button', { name: /Person b/ }));
    expect((list.getByRole('button', { name: /Person c/ }) as HTMLButtonElement).disabled).toBe(false);
  });
});
