/** People search: find anyone by name or @username and open their profile. */
import { useState } from 'react';
import { Link } from '../../components/Link.js';
import { PersonRow } from '../../components/PersonRow.js';
import { TopBar } from '../../components/TopBar.js';
import { useUserSearch } from '../../components/useUserSearch.js';
import { paths } from '../../lib/router.js';

export function SearchScreen() {
  const [query, setQuery] = useState('');
  const { results, searching } = useUserSearch(query);
  return (
    <div className="screen">
      <TopBar title="Find people" back={{ href: paths.hallway(), label: 'Back to the hallway' }} />
      <main className="narrow pad stack">
        <label className="field">
          <span className="visually-hidden">Search people</span>
          <input type="search" placeholder="Search by name or @username" value={query} onChange={(e) => setQuery(e.target.value)} data-route-focus="" />
        </label>
        <ul className="people card" aria-label="Search results" aria-busy={searching}>
          {results.map((u) => (
            <li key={u.id}>
              <Link className="person-button" href={paths.profile(u.username)}>
                <PersonRow user={u} />
              </Link>
            </li>
          ))}
          {query.trim() === '' && <li className="muted pad">Type a name to find people you met in rooms.</li>}
          {query.trim() !== '' && !searching && results.length === 0 && <li className="muted pad">No one found.</li>}
        </ul>
      </main>
    </div>
  );
}
