// TV-side preferences kept in this browser, one signal per key so the
// settings page and the calendar see the same value without a reload.
import { pref } from '../../lib/store.js';

export const firstDayOfWeek = pref('firstDayOfWeek', 1);  // 0 = Sunday, 1 = Monday
export const calendarView = pref('calendarView', null);   // null: by screen width
export const pageSizes = pref('tvPageSize', 20);
