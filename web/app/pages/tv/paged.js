// A paged Sonarr list (queue, history, blocklist, wanted): fetches one page,
// polls it, and exposes reload for after an action.
import { sonarr } from '../../lib/api.js';
import { useState } from '../../lib/html.js';
import { usePoll } from '../../lib/poll.js';

export function usePaged(path, query, { every = 15000, pageSize = 20 } = {}) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState(null);
  const [error, setError] = useState('');
  const key = JSON.stringify(query);
  const load = async () => {
    try {
      const body = await sonarr(path, { query: { page, pageSize, ...query } });
      setData(body);
      setError('');
    } catch (e) { setError(e.message); throw e; }
  };
  usePoll(load, every, [path, page, key, pageSize]);
  const pages = data ? Math.max(1, Math.ceil((data.totalRecords || 0) / pageSize)) : 1;
  return { data, records: data?.records ?? [], total: data?.totalRecords ?? 0, page, pages,
    setPage, reload: load, error };
}
