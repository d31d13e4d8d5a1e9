// The link labels rows use, in the list's usual order: the link-label rule recognises them inside stray punctuation,
// and completion offers the first ones (the common labels) before a list has its own.
export const LINK_LABELS = [
  'Paper',
  'Tweet',
  'Code',
  'GitHub',
  'Project',
  'Blog',
  'Demo',
  'Dataset',
  'Model',
  'Models',
  'Website',
  'Video',
  'Report',
  'Thread',
  'Benchmark',
  'Docs',
  'Data',
];

/** How many of LINK_LABELS completion offers when the list has not used them yet. */
export const COMMON_LINK_LABEL_COUNT = 9;
