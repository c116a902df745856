// The SABnzbd calls a queue row or the selection bar makes; each refreshes the
// shared queue afterwards so the header and the rows agree at once.
import { sab } from '../../lib/api.js';
import { refreshQueue } from '../../lib/store.js';
import { toastError } from '../../lib/toast.js';

export const priorityValues = [['2', 'Force'], ['1', 'High'], ['0', 'Normal'], ['-1', 'Low']];
// Slot priorities are names; a grabbing URL job reports the int 0.
export function priorityValue(p) {
  const hit = priorityValues.find(([, name]) => name === p);
  return hit ? hit[0] : '0';
}

async function call(mode, params) {
  try {
    const body = await sab(mode, params);
    await refreshQueue().catch(() => {});
    return body;
  } catch (e) {
    toastError(e);
    return null;
  }
}

const ids = (list) => [].concat(list).join(',');
export const pauseJobs = (list) => call('queue', { name: 'pause', value: ids(list) });
export const resumeJobs = (list) => call('queue', { name: 'resume', value: ids(list) });
export const deleteJobs = (list) => call('queue', { name: 'delete', value: ids(list), del_files: 1 });
export const setCategory = (list, cat) => call('change_cat', { value: ids(list), value2: cat });
export const setPriority = (list, p) => call('queue', { name: 'priority', value: ids(list), value2: p });
export const setProcessing = (list, pp) => call('change_opts', { value: ids(list), value2: pp });
export const setScript = (list, script) => call('change_script', { value: ids(list), value2: script });
export const moveJob = (id, index) => call('switch', { value: id, value2: Math.max(0, index) });
export const renameJob = (id, name, password) => call('queue', { name: 'rename', value: id, value2: name, value3: password || undefined });
