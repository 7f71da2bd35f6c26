import { useContext } from 'react';
import { ThemeContext } from '../lib/themeContext.js';
import { Icon } from './Icon.js';

export function ThemeToggle() {
  const { theme, toggle } = useContext(ThemeContext);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="icon-button" onClick={toggle} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
    </button>
  );
}
