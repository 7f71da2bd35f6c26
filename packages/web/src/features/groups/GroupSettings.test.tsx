// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversation, ME } from '../../test/fixtures.js';
import { renderWithController } from '../../test/render.js';
import { GroupSettings } from './GroupSettings.js';

afterEach(cleanup);

describe('renaming a group', () => {
  it('confirms in a status message that screen readers announce', async () => {
    const user = userEvent.setup();
    const group = conversation({ kind: 'group', title: 'Road trip', moderatorId: 'me' });
    const { controller } = renderWithController(<GroupSettings id="c1" />);
    act(() => {
      controller.store.dispatch({ type: 'session.started', me: ME });
      controller.store.dispatch({ type: 'conversations.loaded', list: 'inbox', conversations: [group] });
    });
    vi.spyOn(controller.client, 'renameGroup').mockImplementation((_id, title) => Promise.resolve({ ...group, title }));
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    const name = screen.getByLabelText('Group name');
    await user.clear(name);
    await user.type(name, 'Road trip 2027');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByText('Group renamed to “Road trip 2027”.')).getAttribute('role')).toBe('status');
    await user.type(name, '!');
    expect(status.textContent).toBe('');
  });
});
