// One import for every module: htm's tagged templates over Preact, the hooks
// and signals. Pages import from here, never from the vendor paths.
export { html, render } from 'htm/preact';
export { useState, useEffect, useRef, useMemo, useCallback, useLayoutEffect } from 'preact/hooks';
export { signal, computed, effect, batch, useSignal, useComputed } from '@preact/signals';
